from django import forms
from django.core.files.uploadedfile import UploadedFile
from wagtail.admin.forms import WagtailAdminModelForm

from . import services
from .manifest import DEFAULT_LIMITS, MB, PackageRejected, inspect_package


class ScormPackageForm(WagtailAdminModelForm):
    """The admin's upload form: the zip is checked here, and each problem shown against it."""

    limits = DEFAULT_LIMITS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._checked = None
        self.fields["zip_file"].widget.attrs["accept"] = ".zip,application/zip"

    def clean_zip_file(self):
        upload = self.cleaned_data.get("zip_file")
        if not isinstance(upload, UploadedFile):
            return upload  # unchanged on edit
        if upload.size > self.limits.max_zip_bytes:
            raise forms.ValidationError(
                f"The file is too big ({upload.size // MB} MB). A package can be at most "
                f"{self.limits.max_zip_bytes // MB} MB."
            )
        try:
            info = inspect_package(upload, self.limits)  # read in place, not into memory
        except PackageRejected as rejected:
            raise forms.ValidationError(rejected.problems) from None
        finally:
            upload.seek(0)
        self._checked = (upload, info)
        return upload

    def save(self, commit=True):
        package = super().save(commit=False)
        if commit and self._checked is not None:
            upload, info = self._checked
            services.store_package(package, upload, info, by=self.for_user)
            upload.seek(0)
        elif commit:
            package.save()
        return package
