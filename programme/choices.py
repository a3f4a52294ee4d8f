from django.db import models
from django.utils.translation import gettext_lazy as _


class CreditRole(models.TextChoices):
    DIRECTOR = "director", _("Director")
    SCREENPLAY = "screenplay", _("Screenplay")
    CINEMATOGRAPHY = "cinematography", _("Cinematography")
    EDITING = "editing", _("Editing")
    MUSIC = "music", _("Music")
    SOUND = "sound", _("Sound")
    PRODUCTION_DESIGN = "production_design", _("Production design")
    PRODUCER = "producer", _("Producer")
    PRODUCTION_COMPANY = "production_company", _("Production company")
    CAST = "cast", _("Cast")
    OTHER = "other", _("Other")


class ProjectionFormat(models.TextChoices):
    DCP = "dcp", _("DCP")
    DCP_4K = "dcp_4k", _("4K DCP")
    RESTORATION_4K = "restoration_4k", _("4K restoration")
    MM35 = "35mm", _("35mm")
    MM16 = "16mm", _("16mm")
    MM70 = "70mm", _("70mm")
    DIGITAL = "digital", _("Digital file")


class SeasonKind(models.TextChoices):
    SEASON = "season", _("Season")
    SERIES = "series", _("Series")
    FESTIVAL = "festival", _("Festival")
    STRAND = "strand", _("Festival strand")


class PremiereLevel(models.TextChoices):
    WORLD = "world", _("World premiere")
    INTERNATIONAL = "international", _("International premiere")
    EUROPEAN = "european", _("European premiere")
    NATIONAL = "national", _("National premiere")
    LOCAL = "local", _("Local premiere")


class LiveEncore(models.TextChoices):
    LIVE = "live", _("Live")
    ENCORE = "encore", _("Encore")


class LanguageVersion(models.TextChoices):
    ORIGINAL = "original", _("Original version")
    ORIGINAL_SUBTITLED = "original_subtitled", _("Original version with subtitles")
    DUBBED = "dubbed", _("Dubbed")
    SILENT = "silent", _("Silent with intertitles")
    NO_DIALOGUE = "no_dialogue", _("No dialogue")


class ScreeningStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    SOLD_OUT = "sold_out", _("Sold out")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    MOVED = "moved", _("Moved")


class OrganisationKind(models.TextChoices):
    DISTRIBUTOR = "distributor", _("Distributor")
    WORLD_SALES = "world_sales", _("World sales")
    PRODUCTION_COMPANY = "production_company", _("Production company")
    PARTNER = "partner", _("Partner or sponsor")
    OTHER = "other", _("Other")
