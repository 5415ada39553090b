"""The Local Offer's reference vocabularies, shipped with the code and loaded by migration 0003 (and again,
idempotently, by the demo loader and the tests). Changing a vocabulary is a new migration."""

from __future__ import annotations

import uuid

# Fixed ids: the Open Referral API publishes them, so they must be the same in every installation.
_NAMESPACE = uuid.UUID("5f0c3c4e-2d7b-4a8e-9c61-3b1f0e9a7d10")

TAXONOMIES = {
    "sen2-primary-need": (
        "SEN2 primary need",
        "The types of special educational need the Department for Education's SEN2 return records.",
        [
            ("ASD", "Autistic spectrum disorder"),
            ("SLCN", "Speech, language and communication needs"),
            ("SEMH", "Social, emotional and mental health"),
            ("SPLD", "Specific learning difficulty"),
            ("MLD", "Moderate learning difficulty"),
            ("SLD", "Severe learning difficulty"),
            ("PMLD", "Profound and multiple learning difficulty"),
            ("VI", "Visual impairment"),
            ("HI", "Hearing impairment"),
            ("MSI", "Multi-sensory impairment"),
            ("PD", "Physical disability"),
            ("OTH", "Other difficulty or disability"),
        ],
    ),
    "local-offer-category": (
        "Local Offer category",
        "The kinds of provision the SEND Regulations 2014 (Schedule 2) ask a Local Offer to describe.",
        [
            ("early-years", "Early years education"),
            ("mainstream-school", "Mainstream school"),
            ("special-school", "Special school"),
            ("post-16", "College and post-16 training"),
            ("short-breaks", "Short breaks"),
            ("therapy", "Therapies"),
            ("health", "Health services"),
            ("social-care", "Social care"),
            ("travel", "Travel assistance"),
            ("adulthood", "Preparing for adulthood"),
            ("information-advice", "Information, advice and support"),
            ("parent-carer-forum", "Parent carer forum"),
            ("leisure", "Leisure and activities"),
        ],
    ),
}


def taxonomy_id(code: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, code)


def term_id(taxonomy_code: str, term_code: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{taxonomy_code}/{term_code}")


def reference_taxonomies_load(taxonomy_model, term_model) -> None:
    """Create or update the vocabularies. Takes the models so a migration can pass its historical ones."""
    for code, (name, description, terms) in TAXONOMIES.items():
        taxonomy, _ = taxonomy_model.objects.update_or_create(
            id=taxonomy_id(code), defaults={"code": code, "name": name, "description": description, "version": "1"}
        )
        for term_code, term_name in terms:
            term_model.objects.update_or_create(
                id=term_id(code, term_code),
                defaults={"taxonomy": taxonomy, "code": term_code, "name": term_name, "description": term_name},
            )
