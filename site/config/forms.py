from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    """Render ``{{ form }}`` and ``{{ field }}`` with GOV.UK Frontend markup.

    Only the form and field wrappers change: widgets keep Django's templates, so the
    Wagtail admin, which renders its own fields, is unaffected.
    """

    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"
