from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Learner page cache"

    def ready(self):
        from . import receivers

        receivers.connect()
