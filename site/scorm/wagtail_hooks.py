from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from courses.models import LessonPage

from .forms import ScormPackageForm
from .models import ScormLessonPage, ScormPackage


class ScormPackageViewSet(ModelViewSet):
    model = ScormPackage
    name = "scorm_packages"
    icon = "doc-full-inverse"
    menu_label = "SCORM packages"
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["title", "version", "launch_href", "uploaded_at"]
    search_fields = ["title"]
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("title"), FieldPanel("zip_file")], base_form_class=ScormPackageForm
    )


@hooks.register("register_admin_viewset")
def register_scorm_packages():
    return ScormPackageViewSet()


@hooks.register("on_serve_page")
def serve_scorm_lessons_as_such(next_serve_page):
    """A module routes its lessons as plain LessonPages (one query, courses.models); a SCORM
    lesson is served as itself, so it shows its player."""

    def serve(page, request, args, kwargs):
        if type(page) is LessonPage and page.specific_class is ScormLessonPage:
            module = page.__dict__.get("module")
            page = page.specific
            if module is not None:
                page.__dict__["module"] = module
        return next_serve_page(page, request, args, kwargs)

    return serve
