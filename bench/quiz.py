"""Time starting and submitting a 20-question quiz against a bare Django POST.

    .venv/bin/python bench/quiz.py [--repeat 30]

The floor is a view that only reads a POSTed form behind the same middleware (sessions,
CSRF, authentication, security headers); the ratio is how much the quiz adds to that.
"""

import argparse
import sys
import types

from _django import setup, timed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup("quiz")

    from django.conf import settings
    from django.http import HttpResponse
    from django.test import Client
    from django.urls import include, path, reverse

    def floor(request):
        return HttpResponse(f"{len(request.POST)} fields")

    urls = types.ModuleType("bench_urls")
    urls.urlpatterns = [path("bench/floor/", floor), path("", include("config.urls"))]
    sys.modules["bench_urls"] = urls
    settings.ROOT_URLCONF = "bench_urls"

    from django.db import connection

    from accounts.models import User
    from courses.factories import (
        CourseIndexPageFactory,
        make_question,
        make_quiz,
        module_with_lessons,
    )
    from courses.models import Attempt
    from pages.demo import load_pages

    home = load_pages()
    module = module_with_lessons(CourseIndexPageFactory(parent=home), count=3)
    quiz = make_quiz(
        module,
        [make_question(("single", "multiple", "true_false", "matching")[n % 4]) for n in range(20)],
        questions_per_page=20,
    )
    runs = 2 * (args.repeat + 3)

    def signed_in_client(n):
        client = Client()
        client.force_login(
            User.objects.create_user(f"taker{n}@bench.example.org", full_name=f"Taker {n}")
        )
        return client

    # Every timed run is a different learner, signed in beforehand (sign-in is not timed).
    clients = iter([signed_in_client(n) for n in range(runs + 1)])
    answers = {f"q{n}": "o0" for n in range(20)}
    current = {}

    def start():
        current["client"] = client = next(clients)
        client.post(reverse("courses:start_quiz", args=[quiz.pk]))

    def start_answer_submit():
        start()
        client = current["client"]
        attempt = Attempt.objects.filter(status="in_progress").latest("pk")
        client.post(
            reverse("courses:attempt", args=[attempt.pk, 1]), {**answers, "action": "finish"}
        )
        client.post(
            reverse("courses:attempt_summary", args=[attempt.pk]),
            {"token": str(attempt.submit_token)},
        )

    floor_client = next(clients)
    floor_ms = timed(lambda: floor_client.post("/bench/floor/", answers), args.repeat)
    start_ms = timed(start, args.repeat)
    full_ms = timed(start_answer_submit, args.repeat)
    print(f"database: {connection.vendor}; 20-question quiz")
    print(f"{'request':<34}{'median ms':>10}{'x floor':>9}")
    print(f"{'bare Django POST (floor)':<34}{floor_ms:>10.1f}{1:>9.2f}")
    print(f"{'start attempt':<34}{start_ms:>10.1f}{start_ms / floor_ms:>9.2f}")
    print(
        f"{'start + save 20 answers + submit':<34}{full_ms:>10.1f}{full_ms / floor_ms / 3:>9.2f}"
        "  (per request, 3 requests)"
    )


if __name__ == "__main__":
    main()
