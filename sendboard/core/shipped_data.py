"""Reference data an app ships (rules, code lists, taxonomies) must exist whenever its tables do.

Data migrations load it; `flush` (which transactional tests run after every test) empties every table and
then sends post_migrate, as Django does to restore content types. Registering the loader here restores the
data at that one point, so no test or demo loader has to top it up.
"""

from __future__ import annotations

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.module_loading import import_string


def restore_after_migrate(app_config: AppConfig, *, loader: str, models: tuple[str, ...]) -> None:
    """After every migrate or flush, call ``loader(*models)`` with this app's models (idempotent loaders only)."""

    def restore(sender, apps=global_apps, **kwargs) -> None:
        try:
            model_classes = [apps.get_model(app_config.label, name) for name in models]
        except LookupError:  # the app's tables are not migrated yet
            return
        import_string(loader)(*model_classes)

    post_migrate.connect(restore, sender=app_config, weak=False, dispatch_uid=f"{app_config.label}:shipped-data")
