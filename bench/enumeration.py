"""Can anyone tell from the response time whether an email address has an account?

    .venv/bin/python bench/enumeration.py [--repeat 30]

Times sign-up (new vs registered address), password reset (known vs unknown address) and
adding an email address (free vs in use by another account) through Django's test client,
with what decides the time set as in production: Django's default password hasher (PBKDF2;
the test settings use MD5) and emails queued in the database for the worker
(django-tasks-db). The two kinds of request are interleaved; each prints its median and the
relative difference (target under 20%). Rate-limit counters are cleared between requests
(outside the timing) so that 30 tries are not refused.
"""

import argparse
import statistics
import time

from _django import setup

TARGET = 0.20
PASSWORD = "Lighthouse-Orchard-42"  # noqa: S105 - a throwaway database


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup("enumeration")

    from django.conf import global_settings
    from django.core.cache import cache
    from django.test import Client, override_settings
    from django.urls import reverse

    from accounts.factories import TEST_PASSWORD, UserFactory
    from accounts.services import NOT_LISTED

    production = override_settings(
        PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS,
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}},
    )
    production.enable()
    from django.contrib.auth.hashers import get_hasher

    print(f"Password hasher: {get_hasher().algorithm}, {get_hasher().iterations} iterations")

    registered = [UserFactory(email=f"taken{n}@bench.example.org") for n in range(args.repeat + 3)]

    def signup(client, email):
        return client.post(
            reverse("account_signup"),
            {
                "full_name": "Bench Person",
                "email": email,
                "job_role": "frontline",
                "agency": NOT_LISTED,
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )

    def reset(client, email):
        return client.post(reverse("account_reset_password"), {"email": email})

    def add_email(client, email):
        return client.post(reverse("account_email"), {"action_add": "", "email": email})

    def anonymous():
        return Client()

    def signed_in():
        client = Client()
        client.force_login(UserFactory())
        client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
        return client

    cases = [
        ("Sign-up", signup, anonymous, "new address", "registered address", "new{n}"),
        ("Password reset", reset, anonymous, "unknown address", "known address", "nobody{n}"),
        ("Add email address", add_email, signed_in, "free address", "address in use", "free{n}"),
    ]
    failed = False
    for title, action, make_client, free_label, taken_label, free_name in cases:
        samples = {free_label: [], taken_label: []}
        for n in range(args.repeat + 3):  # the first 3 of each warm up
            tries = [
                (free_label, f"{free_name.format(n=n)}@bench.example.org"),
                (taken_label, registered[n].email),
            ]
            if n % 2:
                tries.reverse()
            for label, email in tries:
                cache.clear()  # rate-limit counters
                client = make_client()
                start = time.perf_counter()
                response = action(client, email)
                elapsed = (time.perf_counter() - start) * 1000
                assert response.status_code == 302, (title, label, response.status_code)
                if n >= 3:
                    samples[label].append(elapsed)
        free = statistics.median(samples[free_label])
        taken = statistics.median(samples[taken_label])
        difference = abs(free - taken) / min(free, taken)
        failed |= difference >= TARGET
        print(
            f"{title:20} {free_label:>15} {free:6.0f} ms {taken_label:>18} {taken:6.0f} ms"
            f"  difference {difference:.1%}"
        )
    production.disable()
    print(f"Target: under {TARGET:.0%} for each: {'not met' if failed else 'met'}")


if __name__ == "__main__":
    main()
