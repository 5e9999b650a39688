from django.dispatch import Signal

# Sent once, after the transaction commits, when an enrolment first meets every completion
# rule. Arguments: enrolment. Certificates are issued from here.
module_completed = Signal()

# Sent once, after the transaction commits, when a quiz attempt is graded (passed or not).
# Arguments: attempt. Statements for a Learning Record Store are recorded from here (xapi).
attempt_graded = Signal()
