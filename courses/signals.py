from django.dispatch import Signal

# Sent once, after the transaction commits, when an enrolment first meets every completion
# rule. Arguments: enrolment. Certificates are issued from here.
module_completed = Signal()
