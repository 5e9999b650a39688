"""Certificate figures: PDFs per second on one core, a 1,000-certificate ZIP streamed with
flat memory, and the verification page against the bare Wagtail home page.

    .venv/bin/python bench/certificates.py [--count 1000]
"""

import argparse
import resource
import time

from _django import setup, timed


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    setup("certificates")

    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from accounts.models import User
    from certificates import exports, pdf
    from certificates.models import Certificate
    from certificates.services import new_code, next_number
    from courses.factories import CourseIndexPageFactory, module_with_lessons
    from pages.demo import load_pages

    home = load_pages()
    module = module_with_lessons(CourseIndexPageFactory(parent=home), count=2)
    now = timezone.now()
    users = User.objects.bulk_create(
        User(email=f"holder{n}@bench.example.org", full_name=f"Holder Number {n}")
        for n in range(args.count)
    )
    template = {
        "partnership_name": "Southampton Domestic Abuse and VAWG Partnership",
        "title": "Certificate of completion",
        "wording": "This certifies that the person named has completed the training below.",
        "signatory_name": "Jo Whitfield",
        "signatory_role": "Domestic Abuse Training Coordinator",
        "logo_id": None,
    }
    Certificate.objects.bulk_create(
        Certificate(
            number=next_number(now.year),
            code=new_code(),
            user=user,
            module=module,
            holder_name=user.full_name,
            module_title=module.title,
            cpd_minutes=45,
            issued_at=now,
            expires_at=now + timezone.timedelta(days=3 * 365),
            template=template,
        )
        for user in users
    )
    certificates = Certificate.objects.all()
    url = "https://learning.example.org/verify/CODE/"

    sample = list(certificates[:100])
    pdf.render(sample[0], url)  # load fonts once
    start = time.process_time()
    for certificate in sample:
        pdf.render(certificate, url)
    per_core = len(sample) / (time.process_time() - start)
    print(f"database: {connection.vendor}")
    print(f"PDFs per second per core: {per_core:.0f} (CPU time over {len(sample)} certificates)")

    before = peak_rss_mb()
    start = time.perf_counter()
    size = 0
    for chunk in exports.stream_zip(certificates.iterator(chunk_size=100), lambda c: url):
        size += len(chunk)
    elapsed = time.perf_counter() - start
    print(
        f"ZIP of {certificates.count()} PDFs: {size / 1e6:.1f} MB streamed in {elapsed:.1f} s; "
        f"peak RSS {before:.0f} MB before, {peak_rss_mb():.0f} MB after"
    )

    client = Client()
    code = certificates.first().code
    floor = timed(lambda: client.get("/"))
    verify = timed(lambda: client.get(reverse("verify_code", args=[code])), repeat=15)
    print(
        f"home page (floor) {floor:.1f} ms; verification page {verify:.1f} ms; "
        f"ratio {verify / floor:.2f}"
    )


if __name__ == "__main__":
    main()
