"""Time the learner pages against the bare Wagtail home page, in the same run.

    .venv/bin/python bench/pages.py [--learners 2000]

Prints the median time of each page and its ratio to the home page (the floor: Wagtail
routing, the base template and middleware, with no learning data).
"""

import argparse
import io
import random

from _django import setup, timed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup("pages")

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from courses.models import Enrolment, LessonCompletion, ModulePage
    from courses.selectors import live_lessons

    call_command("load_demo", stdout=io.StringIO())
    modules = list(ModulePage.objects.live())
    lessons = {m.pk: list(live_lessons(m)) for m in modules}

    # Many learners at every stage of every module, so the data is not trivially small.
    random.seed(1)
    users = User.objects.bulk_create(
        User(email=f"learner{i}@bench.example.org", full_name=f"Learner {i}")
        for i in range(args.learners)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(user=user, module=module)
        for user in users
        for module in random.sample(modules, k=random.randint(1, len(modules)))
    )
    LessonCompletion.objects.bulk_create(
        LessonCompletion(enrolment=e, lesson=lesson)
        for e in enrolments
        for lesson in lessons[e.module_id][: random.randint(0, len(lessons[e.module_id]))]
    )
    me = users[0]
    client = Client()
    client.force_login(me)
    module = modules[0]
    lesson = lessons[module.pk][-1]

    pages = {
        "home (floor)": "/",
        "catalogue": module.get_parent().url,
        "module": module.url,
        "lesson": lesson.url + "?content_note=seen",
        "dashboard": reverse("courses:dashboard"),
    }
    for url in pages.values():
        assert client.get(url).status_code == 200, url

    print(
        f"database: {connection.vendor}; learners: {len(users)}; enrolments: "
        f"{len(enrolments)}; lesson completions: {LessonCompletion.objects.count()}"
    )
    floor = timed(lambda: client.get("/"), args.repeat)
    print(f"{'page':<14}{'median ms':>10}{'x floor':>9}")
    for name, url in pages.items():
        median = (
            floor if name.startswith("home") else timed(lambda u=url: client.get(u), args.repeat)
        )
        print(f"{name:<14}{median:>10.1f}{median / floor:>9.2f}")


if __name__ == "__main__":
    main()
