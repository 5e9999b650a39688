"""Roles are Django groups. What each role may do is defined here, in code, and reviewed.

The groups themselves are created by a migration (``0002_roles``); after every ``migrate``
:func:`sync_role_permissions` makes each group's model permissions exactly what this file
says, so a permission granted by hand in the admin cannot quietly widen a role.

Page and collection permissions for editors and moderators are object permissions kept by
Wagtail (on the page tree and collections) and are not touched here.
"""

from enum import StrEnum


class Role(StrEnum):
    LEARNER = "Learner"
    AGENCY_LEAD = "Agency lead"
    TRAINING_COORDINATOR = "Training coordinator"
    SAFE_PLACES_OFFICER = "Safe Places officer"
    EDITOR = "Editor"
    MODERATOR = "Moderator"


ADMIN_ACCESS = "wagtailadmin.access_admin"

CONTENT_SNIPPETS = frozenset(
    {
        "pages.add_supportservice",
        "pages.change_supportservice",
        "pages.view_supportservice",
        "glossary.add_glossaryterm",
        "glossary.change_glossaryterm",
        "glossary.view_glossaryterm",
        "courses.add_audience",
        "courses.change_audience",
        "courses.view_audience",
        "courses.add_question",
        "courses.change_question",
        "courses.view_question",
        "courses.add_questioncategory",
        "courses.change_questioncategory",
        "courses.view_questioncategory",
        "courses.add_quiz",
        "courses.change_quiz",
        "courses.view_quiz",
        # SCORM packages that SCORM lessons play (scorm app).
        "scorm.add_scormpackage",
        "scorm.change_scormpackage",
        "scorm.view_scormpackage",
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    # Learners use the public site only.
    Role.LEARNER: frozenset(),
    # Agency leads see their own agency's figures, enforced in courses.selectors.coverage.
    Role.AGENCY_LEAD: frozenset({"courses.view_own_agency_coverage"}),
    Role.TRAINING_COORDINATOR: frozenset(
        {
            ADMIN_ACCESS,
            "network.add_agency",
            "network.change_agency",
            "network.view_agency",
            "accounts.manage_learners",
            "accounts.view_audit",
            # Bringing in question banks from other systems (Moodle).
            "courses.add_question",
            "courses.view_question",
            "courses.view_questioncategory",
            "courses.add_questioncategory",
            "certificates.view_certificate",
            "certificates.revoke_certificate",
            "certificates.export_certificates",
            "courses.view_coverage",
            "courses.add_trainingrequirement",
            "courses.change_trainingrequirement",
            "courses.delete_trainingrequirement",
            "courses.view_trainingrequirement",
            "courses.add_facetofacesession",
            "courses.change_facetofacesession",
            "courses.view_facetofacesession",
            # Face-to-face and online training: courses and sessions (events app).
            "events.add_trainingcourse",
            "events.change_trainingcourse",
            "events.view_trainingcourse",
            "events.add_session",
            "events.change_session",
            "events.view_session",
            # Messages from the Contact page (pages.ContactMessage): read, then delete.
            "pages.view_contactmessage",
            "pages.delete_contactmessage",
            # Partnership data API tokens (dataapi): issue, list and revoke; never edit.
            "dataapi.add_apitoken",
            "dataapi.view_apitoken",
            "dataapi.revoke_apitoken",
        }
    ),
    # Safe Places officers review venues and run the scheme; they see venues' private contacts.
    Role.SAFE_PLACES_OFFICER: frozenset(
        {
            ADMIN_ACCESS,
            "network.view_venue",
            "network.change_venue",
            "network.review_venue",
            "network.change_safeplacessettings",
        }
    ),
    # Editors draft pages and support services; moderators approve and publish them.
    Role.EDITOR: frozenset(
        {ADMIN_ACCESS, *CONTENT_SNIPPETS, "certificates.change_certificatetemplate"}
    ),
    Role.MODERATOR: frozenset(
        {
            ADMIN_ACCESS,
            *CONTENT_SNIPPETS,
            "pages.publish_supportservice",
            "glossary.publish_glossaryterm",
            "certificates.change_certificatetemplate",
            # Quizzes, questions and the certificate template are moderated like pages.
            "courses.publish_question",
            "courses.publish_quiz",
            "certificates.publish_certificatetemplate",
        }
    ),
}

# Roles that reach the Wagtail admin, and so must use two-factor authentication.
STAFF_ROLES = frozenset(
    {
        Role.AGENCY_LEAD,
        Role.TRAINING_COORDINATOR,
        Role.SAFE_PLACES_OFFICER,
        Role.EDITOR,
        Role.MODERATOR,
    }
)


def resolve_permissions(permission_model, names):
    """Permission rows for ``app_label.codename`` names; raises on a name that doesn't exist."""
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = {
        (p.content_type.app_label, p.codename): p
        for p in permission_model.objects.select_related("content_type").filter(
            codename__in={codename for _, codename in wanted}
        )
    }
    missing = wanted - found.keys()
    if missing:
        raise LookupError(f"Unknown permissions: {sorted('.'.join(m) for m in missing)}")
    return [found[key] for key in sorted(wanted)]


def sync_role_permissions(group_model, permission_model):
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role.value)
        group.permissions.set(resolve_permissions(permission_model, names))
