"""What each endpoint returns: used both to write the responses and to describe them in the
OpenAPI schema, so the two cannot differ. Only names of agencies, sectors, modules and
areas, and numbers: never a person."""

from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Why the call was refused.")


class EnvelopeSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="The API version (v1).")
    as_at = serializers.DateTimeField(help_text="When the figures were worked out.")
    definitions = serializers.DictField(
        child=serializers.CharField(), help_text="What each figure means, word for word."
    )


def _count(help_text: str = "", nullable: bool = False):
    return serializers.IntegerField(min_value=0, allow_null=nullable, help_text=help_text)


def _percent(help_text: str):
    return serializers.IntegerField(allow_null=True, help_text=help_text)


class CoverageFigures(serializers.Serializer):
    registered = _count()
    in_progress = _count()
    in_date = _count()
    expiring = _count()
    lapsed = _count()
    never_trained = _count()
    required_missing = _count()


class AgencyModuleRow(CoverageFigures):
    agency_id = serializers.IntegerField()
    agency = serializers.CharField(help_text="The agency's name.")
    sector = serializers.CharField()
    sector_name = serializers.CharField()
    headcount = _count("None when the agency has not given one.", nullable=True)
    module_id = serializers.IntegerField()
    module = serializers.CharField(help_text="The module's title.")
    coverage = _percent("In date / headcount, a whole percentage; None without a headcount.")
    coverage_registered = _percent("In date / registered, a whole percentage.")


class AgencyCoverageSerializer(EnvelopeSerializer):
    results = AgencyModuleRow(many=True)


class ModuleRow(CoverageFigures):
    module_id = serializers.IntegerField()
    module = serializers.CharField(help_text="The module's title.")


class ModuleCoverageSerializer(EnvelopeSerializer):
    results = ModuleRow(many=True)


class SectorRow(serializers.Serializer):
    sector = serializers.CharField()
    sector_name = serializers.CharField()
    headcount = _count("Over the sector's agencies with a headcount above 0.", nullable=True)
    people_in_date = _count("People holding at least one in-date certificate.")
    coverage = _percent("People in date / headcount, a whole percentage.")


class Headline(serializers.Serializer):
    people_in_date = _count()
    headcount = _count()
    coverage = _percent("Headline coverage, a whole percentage.")


class SectorResults(serializers.Serializer):
    headline = Headline()
    sectors = SectorRow(many=True)
    agencies_without_headcount = serializers.ListField(
        child=serializers.CharField(), help_text="Left out of sector coverage."
    )


class SectorCoverageSerializer(EnvelopeSerializer):
    results = SectorResults()


class ClosedQuarter(serializers.Serializer):
    quarter = serializers.CharField(help_text="For example 2026-Q3.")
    label = serializers.CharField()
    period_start = serializers.DateTimeField()
    period_end = serializers.DateTimeField(help_text="The next quarter's first moment.")
    taken_at = serializers.DateTimeField()
    definitions_version = serializers.CharField()
    trained_in_quarter = _count(nullable=True)
    in_date_people = _count(nullable=True)
    coverage = _percent("Share of headcount in date at the quarter's end.")
    sectors_engaged = _count(nullable=True)
    face_to_face_by_count = _count(nullable=True)
    sectors = SectorRow(many=True)


class TrainedInQuarter(serializers.Serializer):
    quarter = serializers.CharField(help_text="For example 2026 Q4.")
    people_trained = _count()


class QuarterResults(serializers.Serializer):
    closed_quarters = ClosedQuarter(many=True)
    trained_per_quarter = TrainedInQuarter(many=True)


class QuarterCoverageSerializer(EnvelopeSerializer):
    results = QuarterResults()


class StatusRow(serializers.Serializer):
    status = serializers.CharField()
    status_name = serializers.CharField()
    venues = _count()


class AreaRow(StatusRow):
    area = serializers.CharField(help_text="Postcode district, for example SO14.")


class SafePlacesResults(serializers.Serializer):
    by_status = StatusRow(many=True)
    by_area = AreaRow(many=True)


class SafePlacesSerializer(EnvelopeSerializer):
    results = SafePlacesResults()


class AttendanceRow(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM (Europe/London).")
    agency_id = serializers.IntegerField()
    agency = serializers.CharField()
    suppressed = serializers.BooleanField()
    attended = _count(nullable=True)
    did_not_attend = _count(nullable=True)
    late_cancellations = _count(nullable=True)
    no_show_rate = _percent("Did not attend / (attended + did not attend).")


class AttendanceSerializer(EnvelopeSerializer):
    results = AttendanceRow(many=True)
