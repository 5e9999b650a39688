from django.urls import path

from . import register, views

app_name = "events"

urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path("sessions/<int:session_id>/book/", views.book, name="book"),
    path("sessions/<int:session_id>/register/", register.register, name="register"),
    path(
        "sessions/<int:session_id>/register/sign-in-sheet.pdf",
        register.sign_in_sheet_pdf,
        name="sign_in_sheet",
    ),
    path("bookings/<int:booking_id>/cancel/", views.cancel, name="cancel"),
    path("bookings/<int:booking_id>/accept/", views.accept, name="accept"),
    path("bookings/<int:booking_id>/feedback/", views.feedback, name="feedback"),
    path("approvals/", views.approvals, name="approvals"),
    path("approvals/<int:booking_id>/", views.decide, name="decide"),
    path("my-bookings/", views.my_bookings, name="my_bookings"),
    path("my-bookings/calendar.ics", views.calendar, name="calendar"),
]
