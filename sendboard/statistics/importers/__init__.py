"""Every published-statistics importer, in the order a folder of files is loaded: the area register first
(every other file's areas are checked against it), then the lookup and neighbours that name its councils,
then the numbers and the inspection outcomes."""

from sendboard.statistics.importers.dashboard import DASHBOARD_IMPORTERS
from sendboard.statistics.importers.ees import EES_IMPORTERS
from sendboard.statistics.importers.health import HealthWaitsEnglandImporter, HealthWaitsOrganisationsImporter
from sendboard.statistics.importers.inspections import Inspections2016Importer, Inspections2023Importer
from sendboard.statistics.importers.register import REGISTER_IMPORTERS
from sendboard.statistics.importers.tribunals import TribunalAppealRateImporter

IMPORTERS = (
    *REGISTER_IMPORTERS,
    *EES_IMPORTERS,
    *DASHBOARD_IMPORTERS,
    TribunalAppealRateImporter,
    HealthWaitsEnglandImporter,
    HealthWaitsOrganisationsImporter,
    Inspections2016Importer,
    Inspections2023Importer,
)
