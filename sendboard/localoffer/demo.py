"""The demo Local Offer: an illustrative directory for the demo area. The real partner bodies of the seeds
appear by name; every service, address, phone number and detail is invented for the demonstration and says
so. Idempotent: services have fixed ids and are created once."""

from __future__ import annotations

import uuid
from datetime import time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sendboard.accounts.models import Organisation, User
from sendboard.localoffer.models import (
    DirectoryOrganisation,
    InformationPage,
    InformationTopic,
    Location,
    Service,
    TaxonomyTerm,
)
from sendboard.localoffer.parsing import postcode_district
from sendboard.localoffer.selectors import CATEGORIES_TAXONOMY, NEEDS_TAXONOMY
from sendboard.localoffer.services import ServiceContent, service_create_published

_NAMESPACE = uuid.UUID("9a1b7c55-0e1f-4f5e-8d0a-2a4d1e3c5b70")
ILLUSTRATIVE = "Illustrative demo content: not a real service."

# (name, sendboard organisation that edits it or None, description)
ORGANISATIONS = [
    ("Ourway Advocacy", "Ourway Advocacy", "Independent advocacy for children, young people and adults."),
    (
        "Worcestershire SENDIASS",
        "Worcestershire SENDIASS",
        "The area's special educational needs and disabilities information, advice and support service.",
    ),
    (
        "Families in Partnership (Worcestershire parent carer forum)",
        "Families in Partnership (Worcestershire parent carer forum)",
        "The parent carer forum: parents and carers working with the council and health services.",
    ),
    (
        "Herefordshire and Worcestershire Health and Care NHS Trust",
        "Herefordshire and Worcestershire Health and Care NHS Trust",
        "Community health services, including children's therapies.",
    ),
    (
        "Worcestershire Children First",
        "Worcestershire Children First",
        "Children's social care and education services for the council.",
    ),
    (
        "Riverside Primary School (illustrative)",
        "Riverside Primary School (illustrative)",
        "An illustrative mainstream primary school.",
    ),
    ("Brookside Special School (illustrative)", None, "An illustrative special school for pupils with complex needs."),
    ("Severn Valley College (illustrative)", None, "An illustrative further education college."),
]

# (name, address, town, postcode, latitude, longitude); postcodes are in the right districts, addresses invented
LOCATIONS = {
    "worcester": ("County Hall (illustrative address)", "Spetchley Road", "Worcester", "WR5 2NP", 52.1866, -2.1884),
    "worcester-centre": (
        "Worcester community hub (illustrative)",
        "1 Foregate Street",
        "Worcester",
        "WR1 1DB",
        52.1960,
        -2.2210,
    ),
    "kidderminster": (
        "Kidderminster family centre (illustrative)",
        "2 Market Street",
        "Kidderminster",
        "DY10 1AB",
        52.3880,
        -2.2490,
    ),
    "redditch": ("Redditch clinic (illustrative)", "3 Church Road", "Redditch", "B97 4AB", 52.3060, -1.9450),
    "bromsgrove": (
        "Bromsgrove youth centre (illustrative)",
        "4 High Street",
        "Bromsgrove",
        "B61 8AB",
        52.3350,
        -2.0610,
    ),
    "malvern": ("Malvern leisure centre (illustrative)", "5 Victoria Road", "Malvern", "WR14 2AB", 52.1120, -2.3250),
    "evesham": ("Evesham college campus (illustrative)", "6 Davies Road", "Evesham", "WR11 1AB", 52.0920, -1.9470),
}

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]


def place_label(key: str) -> str:
    """How a copy of a service is told apart by where it is: the town, or the town and street where two of
    the locations share a town (Worcester has two), so that no two services share a name."""
    name, street, town, *_ = LOCATIONS[key]
    same_town = [k for k, location in LOCATIONS.items() if location[2] == town]
    return town if len(same_town) == 1 else f"{town}, {street}"


def _weekdays(opens: time, closes: time) -> list[tuple[str, time, time]]:
    return [(day, opens, closes) for day in WEEKDAYS]


# (key, organisation, name, categories, needs, ages, free, cost, opening times, locations, accessibility, description,
#  send support, how to access)
SERVICES = [
    (
        "sendiass",
        "Worcestershire SENDIASS",
        "SEND information, advice and support (SENDIASS)",
        ["information-advice"],
        [],
        (0, 25),
        True,
        "",
        _weekdays(time(9), time(17)),
        ["worcester"],
        ["step_free", "hearing_loop", "easy_read"],
        (
            "Free, confidential and impartial information and advice about special educational needs and "
            "disabilities, for parents, children and young people."
        ),
        "Advisers explain the law, help with EHC needs assessment requests, meetings and appeals to the tribunal.",
        "Phone, email or use the online form. Young people can contact us themselves.",
    ),
    (
        "advocacy",
        "Ourway Advocacy",
        "Independent advocacy for young people with SEND",
        ["information-advice", "adulthood"],
        ["SEMH", "ASD", "MLD"],
        (11, 25),
        True,
        "",
        _weekdays(time(9, 30), time(16, 30)),
        ["worcester-centre"],
        ["step_free", "quiet_space"],
        (
            "An advocate helps a young person say what they want at reviews, in meetings and when decisions are made "
            "about them."
        ),
        "Advocates use the young person's own way of communicating, including symbols and easy read.",
        "Young people, parents or professionals can refer. The service is free to young people living in the area.",
    ),
    (
        "forum",
        "Families in Partnership (Worcestershire parent carer forum)",
        "Parent carer forum coffee mornings",
        ["parent-carer-forum"],
        [],
        (0, 25),
        True,
        "",
        [("WE", time(10), time(12))],
        ["kidderminster"],
        ["step_free", "accessible_toilet", "parking"],
        (
            "Meet other parents and carers of children with SEND, share experiences and tell the council and NHS what "
            "needs to change."
        ),
        "Parents of children with any need are welcome; children can come along.",
        "Just turn up, or email the forum to join the mailing list.",
    ),
    (
        "speech",
        "Herefordshire and Worcestershire Health and Care NHS Trust",
        "Children's speech and language therapy",
        ["therapy", "health"],
        ["SLCN", "ASD"],
        (0, 18),
        True,
        "",
        _weekdays(time(8, 30), time(16, 30)),
        ["redditch", "worcester-centre"],
        ["step_free", "accessible_toilet"],
        "Assessment and therapy for children with speech, language, communication and swallowing needs.",
        (
            "Therapists work with families and schools, give programmes to use at home and provide advice for EHC "
            "needs assessments."
        ),
        "Parents can refer children under 5 themselves. Schools, GPs and health visitors refer older children.",
    ),
    (
        "ot",
        "Herefordshire and Worcestershire Health and Care NHS Trust",
        "Children's occupational therapy",
        ["therapy", "health"],
        ["PD", "ASD", "MSI"],
        (0, 19),
        True,
        "",
        _weekdays(time(9), time(17)),
        ["worcester"],
        ["step_free", "changing_places", "parking"],
        (
            "Help for children to take part in everyday activities: dressing, eating, handwriting, play and sensory "
            "processing."
        ),
        "Therapists assess and advise on equipment and adaptations at home and school.",
        "Referral by a GP, paediatrician, school or other professional.",
    ),
    (
        "wheelchair",
        "Herefordshire and Worcestershire Health and Care NHS Trust",
        "Children's community nursing",
        ["health"],
        ["PD", "PMLD"],
        (0, 19),
        True,
        "",
        _weekdays(time(8), time(18)),
        ["worcester"],
        ["step_free", "changing_places"],
        "Nursing care at home and school for children with complex health needs.",
        "Nurses train parents and school staff in the child's care plan.",
        "Referral by a paediatrician or GP.",
    ),
    (
        "short-breaks-saturday",
        "Worcestershire Children First",
        "Saturday short breaks club",
        ["short-breaks", "leisure"],
        ["ASD", "SLD", "PMLD"],
        (8, 17),
        False,
        "£15 a session; free for children with an assessed short breaks package",
        [("SA", time(10), time(15))],
        ["malvern"],
        ["step_free", "changing_places", "quiet_space", "parking"],
        (
            "Sport, art and outings on Saturdays with trained staff, giving children a break and families time for "
            "themselves."
        ),
        "Staff are trained in autism, communication aids and personal care; one-to-one support is available.",
        "Book through the short breaks team. A social care assessment is not needed for the open sessions.",
    ),
    (
        "short-breaks-holiday",
        "Worcestershire Children First",
        "Holiday playscheme for disabled children",
        ["short-breaks", "leisure"],
        ["ASD", "SLD", "PD", "SEMH"],
        (5, 18),
        False,
        "£20 a day",
        _weekdays(time(9, 30), time(15, 30)),
        ["bromsgrove"],
        ["step_free", "accessible_toilet", "quiet_space"],
        "Holiday activities for disabled children and young people during the school holidays.",
        "Activities are adapted for each child; staff give medication and personal care.",
        "Apply to the short breaks team before each holiday.",
    ),
    (
        "social-care",
        "Worcestershire Children First",
        "Children with disabilities social work team",
        ["social-care"],
        ["PMLD", "SLD", "PD", "MSI"],
        (0, 18),
        True,
        "",
        _weekdays(time(9), time(17)),
        ["worcester"],
        ["step_free", "bsl"],
        "Assessments of children's and carers' needs, and support packages for disabled children and their families.",
        "Social workers assess what the child and family need and can contribute to EHC plans.",
        "Contact the children's services front door. Anyone can make a referral.",
    ),
    (
        "travel",
        "Worcestershire Children First",
        "Home to school travel assistance",
        ["travel"],
        [],
        (4, 25),
        True,
        "",
        _weekdays(time(9), time(17)),
        ["worcester"],
        ["step_free"],
        "Transport or a travel allowance for eligible children and young people with SEND to reach school or college.",
        "Independent travel training helps young people learn to travel on their own.",
        "Apply online once a school or college place is confirmed. The travel policy explains who is eligible.",
    ),
    (
        "riverside",
        "Riverside Primary School (illustrative)",
        "Riverside Primary School SEN support",
        ["mainstream-school"],
        ["SLCN", "SPLD", "MLD", "SEMH"],
        (4, 11),
        True,
        "",
        _weekdays(time(8, 45), time(15, 15)),
        ["kidderminster"],
        ["step_free", "accessible_toilet"],
        "A mainstream primary school with a special educational needs co-ordinator (SENCo) and a nurture group.",
        (
            "Support is planned with parents through assess, plan, do and review; the school publishes its SEN "
            "information report."
        ),
        "Apply for a place through the council's school admissions.",
    ),
    (
        "brookside",
        "Brookside Special School (illustrative)",
        "Brookside Special School",
        ["special-school"],
        ["SLD", "PMLD", "ASD", "MSI"],
        (2, 19),
        True,
        "",
        _weekdays(time(9), time(15)),
        ["redditch"],
        ["step_free", "changing_places", "hearing_loop", "parking"],
        "A special school for pupils with severe and profound learning difficulties and autism.",
        "Classes are small, with therapists on site and a sensory curriculum.",
        "Places are named in EHC plans by the council after consultation with the school.",
    ),
    (
        "college",
        "Severn Valley College (illustrative)",
        "Supported internships and foundation learning",
        ["post-16", "adulthood"],
        ["MLD", "SLD", "ASD"],
        (16, 25),
        True,
        "",
        _weekdays(time(9), time(16)),
        ["evesham"],
        ["step_free", "accessible_toilet", "quiet_space"],
        "Study programmes and supported internships that lead to work, for young people with SEND.",
        "Job coaches support interns at work; learning support assistants in class.",
        "Apply to the college; young people with EHC plans discuss options at their Year 9 and later reviews.",
    ),
    (
        "early-years",
        "Worcestershire Children First",
        "Early years inclusion support",
        ["early-years"],
        ["SLCN", "ASD", "PD"],
        (0, 5),
        True,
        "",
        _weekdays(time(9), time(17)),
        ["worcester-centre"],
        ["step_free"],
        "Advice and funding for nurseries and childminders to include children with SEND.",
        "Specialist teachers visit settings and help plan support.",
        "The nursery or childminder refers, with the parent's agreement.",
    ),
    (
        "swimming",
        "Worcestershire Children First",
        "Inclusive swimming sessions",
        ["leisure"],
        ["ASD", "PD", "SEMH"],
        (5, 25),
        False,
        "£3.50 a session",
        [("SU", time(9), time(10, 30))],
        ["malvern"],
        ["step_free", "changing_places", "parking"],
        "Quieter swimming sessions with extra lifeguards and a warm pool.",
        "Hoist and changing bed available; carers swim free.",
        "Book at the leisure centre.",
    ),
    (
        "camhs",
        "Herefordshire and Worcestershire Health and Care NHS Trust",
        "Children's mental health service (CAMHS)",
        ["health"],
        ["SEMH", "ASD"],
        (0, 18),
        True,
        "",
        _weekdays(time(9), time(17)),
        ["bromsgrove"],
        ["step_free", "quiet_space"],
        "Assessment and treatment for children and young people with mental health difficulties.",
        "Clinicians adapt sessions for young people with autism and learning disabilities.",
        "Referral by a GP, school or other professional; young people over 16 can refer themselves.",
    ),
    (
        "neurodevelopmental",
        "Herefordshire and Worcestershire Health and Care NHS Trust",
        "Autism and ADHD assessment (neurodevelopmental pathway)",
        ["health"],
        ["ASD", "SEMH"],
        (2, 18),
        True,
        "",
        _weekdays(time(9), time(17)),
        ["worcester"],
        ["step_free", "quiet_space"],
        (
            "Assessment and diagnosis for children and young people who may be autistic or have attention deficit "
            "hyperactivity disorder (ADHD)."
        ),
        (
            "Clinicians see the child at home, at school and in clinic, and explain the diagnosis and what support "
            "follows."
        ),
        "Referral by a GP, school or health visitor, with the parent's agreement.",
    ),
]

PAGES = {
    InformationTopic.EDUCATION: (
        "Schools, colleges and early years settings support children with SEND from their own resources (SEN support) "
        "and, for children with EHC plans, as the plan says. Special schools and resourced provision take children "
        "whose needs are best met there. This page describes what the council expects to be available in and outside "
        "the area."
    ),
    InformationTopic.HEALTH: (
        "The integrated care board commissions children's therapies, community nursing, mental health and specialist "
        "health services. Families can ask their GP or health visitor about referrals."
    ),
    InformationTopic.SOCIAL_CARE: (
        "Short breaks, social work assessments and support for disabled children and their carers. The short breaks "
        "statement says who can use which breaks."
    ),
    InformationTopic.OTHER_EDUCATION: (
        "Tutoring, hospital education and alternative provision for children who cannot attend school."
    ),
    InformationTopic.TRAVEL: (
        "Travel assistance to school and college, and independent travel training. The travel policy says who is "
        "eligible."
    ),
    InformationTopic.ADULTHOOD: (
        "From Year 9, reviews plan for adult life: work, independent living, friends and community, and good health."
    ),
    InformationTopic.ASSESSMENT: (
        "A parent, a young person or a school can ask the council for an EHC needs assessment. The council decides "
        "within 6 weeks whether to assess, and issues any final plan within 20 weeks of the request."
    ),
    InformationTopic.COMPLAINTS: (
        "How to complain, how to use disagreement resolution and mediation, and how to appeal to the SEND tribunal."
    ),
    # Information, advice and support is left out on purpose: the checklist then shows a missing item.
}


# At county scale each service appears in several places, as a county's directory would hold it.
COPIES = 8


def copy_place(index: int, copy: int) -> str | None:
    """Where the copy-th copy of the index-th service is (None: the first copy, at the service's own places)."""
    return list(LOCATIONS)[(index + copy) % len(LOCATIONS)] if copy else None


def copy_name(name: str, index: int, copy: int) -> str:
    place = copy_place(index, copy)
    return name if place is None else f"{name} ({place_label(place)})"


def _approver() -> User:
    return User.objects.get(username="demo.local.offer")


@transaction.atomic
def load_demo(*, stdout) -> None:
    approver = _approver()
    organisations = {}
    for name, owner, description in ORGANISATIONS:
        organisations[name], _ = DirectoryOrganisation.objects.get_or_create(
            name=name,
            defaults={
                "description": description,
                "owner": Organisation.objects.filter(name=owner).first() if owner else None,
                "illustrative": owner is None or "(illustrative)" in name,
            },
        )
    locations = {}
    for key, (name, street, town, postcode, latitude, longitude) in LOCATIONS.items():
        locations[key], _ = Location.objects.get_or_create(
            name=name,
            postcode=postcode,
            defaults={
                "address_1": street,
                "city": town,
                "postcode_district": postcode_district(postcode),
                "latitude": latitude,
                "longitude": longitude,
            },
        )
    terms = {(t.taxonomy.code, t.code): t for t in TaxonomyTerm.objects.select_related("taxonomy")}
    today = timezone.localdate()
    copies = 1 if settings.SENDBOARD_DEMO_SCALE == "small" else COPIES
    created = 0
    for copy in range(copies):
        for index, (
            key,
            org,
            name,
            categories,
            needs,
            ages,
            free,
            cost,
            times,
            places,
            access,
            description,
            support,
            how,
        ) in enumerate(SERVICES):
            service_id = uuid.uuid5(_NAMESPACE, f"{key}/{copy}")
            if Service.objects.filter(pk=service_id).exists():
                continue
            place = copy_place(index, copy)
            content = ServiceContent(
                name=copy_name(name, index, copy),
                description=f"{description} {ILLUSTRATIVE}",
                send_support=support,
                how_to_access=how,
                minimum_age=ages[0],
                maximum_age=ages[1],
                is_free=free,
                cost_description=cost,
                contact_name="Duty worker (illustrative)",
                phone="01905 000000",
                email="local.offer@example.invalid",
                accessibility=access,
                opening_times=times,
                needs=[terms[(NEEDS_TAXONOMY, c)] for c in needs],
                categories=[terms[(CATEGORIES_TAXONOMY, c)] for c in categories],
                locations=[locations[place]] if place else [locations[p] for p in places],
            )
            # Two services are past their review-by dates, to show the team's overdue list and the public warning.
            review_by = (
                today - timedelta(days=60)
                if key == "swimming"
                else (today - timedelta(days=5) if key == "camhs" else today + timedelta(days=30 + 11 * index))
            )
            service_create_published(
                user=approver,
                organisation=organisations[org],
                content=content,
                review_by=review_by,
                service_id=service_id,
            )
            created += 1
    for topic, text in PAGES.items():
        # The first sentence is the summary, shown above the body: the body carries on from it, never repeats it.
        summary, _, rest = text.partition(". ")
        note = ILLUSTRATIVE.replace("service", "page")
        InformationPage.objects.get_or_create(
            topic=topic,
            defaults={
                "title": InformationTopic(topic).label,
                "summary": summary.rstrip(".") + ".",
                "body": f"{rest}\n\n{note}" if rest else note,
                "review_by": today + timedelta(days=180),
                "updated_at": timezone.now(),
                "updated_by": approver,
            },
        )
    stdout.write(f"Local Offer: {created} illustrative services added, {Service.objects.count()} in the directory")
