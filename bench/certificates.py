"""Certificate figures: PDFs per second on one core, a 1,000-certificate ZIP streamed with
flat memory, and the verification page against the home page.

    .venv/bin/python bench/certificates.py [--count 1000] [--sample 200]

- **PDFs per second per core**: ``certificates.pdf.render`` in this one process, on
  ``--sample`` distinct certificates (different names, numbers and codes), CPU time
  (``time.process_time``), after one warm-up render. Also the same in wall time.
- **ZIP**: ``certificates.exports.stream_zip`` over ``--count`` certificates read with
  ``iterator()``, in a fresh process (Django set up on the same database, nothing else), as
  a web worker would serve it; written to a temporary file as it streams, then opened and
  its members counted. Printed: the peak of Python allocations during the export
  (``tracemalloc``) and the process's peak resident memory (``ru_maxrss``) after Django's
  set-up and after the export. The export's own memory is the difference.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile

from _django import setup, timed


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def zip_only():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from certificates import exports
    from certificates.models import Certificate

    url = "https://learning.example.org/verify/CODE/"
    exports.stream_zip([], lambda c: url)  # imports done before measuring
    before = peak_rss_mb()
    tracemalloc.start()
    start = time.perf_counter()
    size = 0
    certificates = Certificate.objects.order_by("pk")
    with tempfile.TemporaryFile() as output:
        for chunk in exports.stream_zip(certificates.iterator(chunk_size=100), lambda c: url):
            output.write(chunk)
            size += len(chunk)
        elapsed = time.perf_counter() - start
        output.seek(0)
        members = len(zipfile.ZipFile(output).namelist())
    peak_python = tracemalloc.get_traced_memory()[1] / 2**20
    after = peak_rss_mb()
    print(
        f"ZIP of {members} PDFs: {size / 1e6:.1f} MB streamed in {elapsed:.1f} s "
        f"({members / elapsed:.0f} per second, under tracemalloc)\n"
        f"ZIP memory: peak of Python allocations during the export {peak_python:.1f} MB; "
        f"peak RSS of the exporting process {before:.0f} MB after Django set-up, "
        f"{after:.0f} MB after the ZIP (+{after - before:.0f} MB)"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--zip-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.zip_only:
        return zip_only()
    database_url = setup("certificates")

    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from accounts.models import User
    from certificates import pdf
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

    sample = list(certificates[: args.sample])
    pdf.render(sample[0], url)  # load fonts once
    start, wall = time.process_time(), time.perf_counter()
    sizes = [len(pdf.render(certificate, url)) for certificate in sample]
    cpu, wall = time.process_time() - start, time.perf_counter() - wall
    print(f"database: {connection.vendor}")
    print(
        f"PDFs per second per core: {len(sample) / cpu:.0f} (CPU time over {len(sample)} "
        f"certificates; {len(sample) / wall:.0f} per second wall time; "
        f"{sum(sizes) / len(sizes) / 1000:.0f} kB each)"
    )

    # The export in a process of its own, as a web worker would serve it: Django set up on
    # the same database, nothing else loaded, so its peak memory is the export's.
    result = subprocess.run(  # noqa: S603 (this interpreter, this script)
        [sys.executable, __file__, "--zip-only"],
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=True,
    )
    print(result.stdout.strip())

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
