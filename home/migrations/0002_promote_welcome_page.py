"""Turn Wagtail's placeholder welcome page into the site's HomePage.

wagtailcore's own data migration creates a plain Page at depth 2 and points the
default Site at it. Rather than delete it and rebuild the tree, give that page
a HomePage row and switch its content type, so site and tree stay as they are.
"""

from django.db import migrations


def promote_welcome_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("home", "HomePage")

    plain_page = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if plain_page is None:
        return
    home_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    for page in Page.objects.filter(depth=2, content_type=plain_page):
        # raw=True writes only the HomePage row and leaves the existing Page row alone.
        HomePage(page_ptr_id=page.pk, intro="").save_base(raw=True)
        Page.objects.filter(pk=page.pk).update(content_type=home_type)


def demote_home_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("home", "HomePage")

    plain_page = ContentType.objects.get(app_label="wagtailcore", model="page")
    for home in HomePage.objects.all():
        Page.objects.filter(pk=home.pk).update(content_type=plain_page)
        home.delete(keep_parents=True)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(promote_welcome_page, demote_home_pages)]
