from django import forms

MAX_UPLOAD_BYTES = 20 * 1024  # a credential is about 2 KB


class CredentialUploadForm(forms.Form):
    """An uploaded credential file; ``token`` in ``cleaned_data`` is its text."""

    credential = forms.FileField(
        label="Upload a digital certificate",
        help_text="A .jwt file downloaded from Safe City Learning (an Open Badges credential)",
        error_messages={
            "required": "Select a digital certificate file",
            "empty": "The selected file is empty",
            "invalid": "Select a digital certificate file",
        },
        widget=forms.FileInput(attrs={"accept": ".jwt,application/vc+jwt,text/plain"}),
    )

    def clean_credential(self):
        upload = self.cleaned_data["credential"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                "The selected file must be smaller than 20 KB", code="too_big"
            )
        data = upload.read(MAX_UPLOAD_BYTES + 1)
        try:
            text = data.decode("ascii").strip()
        except UnicodeDecodeError:
            text = ""
        if not text:
            raise forms.ValidationError(NOT_A_CREDENTIAL, code="not_a_credential")
        self.cleaned_data["token"] = text
        return upload


NOT_A_CREDENTIAL = (
    "The selected file is not a digital certificate from Safe City Learning. "
    "Upload the .jwt file you downloaded"
)
UNKNOWN_KEY = "The selected file was not signed by Safe City Learning, so it cannot be checked here"
BAD_SIGNATURE = (
    "The selected file has been changed since it was issued, or was not issued by us. "
    "Do not rely on it"
)
