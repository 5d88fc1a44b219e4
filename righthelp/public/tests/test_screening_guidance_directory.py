"""The exploitation screening guide, the guidance and the directory, as pages."""

from __future__ import annotations

from django.test import Client

from righthelp.partnerships.models import Partnership
from righthelp.partnerships.selectors import pack_set_for
from righthelp.partnerships.services import partnership_create


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


# --- exploitation screening ------------------------------------------------------------


def test_the_screening_guide_lists_every_band_with_its_meaning(
    client: Client, demo: Partnership
) -> None:
    html = page(client, "/screening/demo/")
    for band in (
        "Universal risk",
        "Low (mild) risk",
        "Medium (moderate) risk",
        "High (significant) risk",
    ):
        assert band in html
    assert "Use your professional judgment! There could be no risk factors" in html
    assert "/screening/demo/sharing-intelligence/" in html
    assert "/guidance/demo/coventry/starting-a-difficult-conversation/" in html


def test_low_risk_has_its_next_step_and_the_safety_plan_checklist(
    client: Client, demo: Partnership
) -> None:
    html = page(client, "/screening/demo/bands/low/")
    assert '<h1 class="govuk-heading-l">Low (mild) risk</h1>' in html
    assert "A single agency safety plan should be developed" in html
    assert "Safety plan" in html
    assert "Awareness raising work around healthy relationships" in html
    assert "Remember to log your decision making on your own agency system." in html
    assert "One or two risk indicators may also be present." in html
    assert "Multiple vulnerabilities." in html  # several vulnerabilities alone give low
    assert "partnership&#x27;s reading" not in html  # both are the guide's words
    assert "Medium (moderate) risk" in html  # the next band


def test_a_threshold_the_guide_does_not_give_is_labelled_the_partnerships_reading(
    client: Client, demo: Partnership
) -> None:
    """Medium's "Multiple vulnerabilities and risk indicators present." has no number in the
    guide: the three the pack applies is labelled wherever it is shown."""
    html = page(client, "/screening/demo/bands/medium/")
    assert "three or more" in html
    assert (
        "The partnership&#x27;s reading, not the guide&#x27;s words: the guide gives no number"
        in html
    )
    assert "Indicator Tool score" not in html


def test_other_bands_have_no_safety_plan(client: Client, demo: Partnership) -> None:
    high = page(client, "/screening/demo/bands/high/")
    assert "Safety plan</h2>" not in high
    assert (
        'A MASH Referral can be completed at <a href="https://www.coventry.gov.uk/mashreferral" '
        'class="govuk-link">www.coventry.gov.uk/mashreferral</a>'
    ) in high
    assert "The guide gives no next step for this band alone." in page(
        client, "/screening/demo/bands/universal/"
    )


def test_how_to_share_intelligence_and_with_whom(client: Client, demo: Partnership) -> None:
    html = page(client, "/screening/demo/sharing-intelligence/")
    assert "coventryintel@westmidlands.police.uk" in html
    assert "www.coventry.gov.uk/fibform" in html
    assert "The source of intelligence is kept out of the body of the log" in html
    # The address and the form from the guide, as links, with the directory entry they belong to.
    assert 'href="mailto:coventryintel@westmidlands.police.uk"' in html
    assert 'href="https://www.coventry.gov.uk/fibform"' in html
    assert "Intelligence for the Police" in html


def test_a_partnership_without_a_screening_says_so(client: Client, db: None) -> None:
    partnership_create(name="Stoke", slug="stoke", pack_ids=["stoke-on-trent"])
    response = client.get("/screening/stoke/")
    assert response.status_code == 404
    assert "no exploitation screening" in response.content.decode()


# --- guidance ----------------------------------------------------------------------------


def test_guidance_from_every_pack_with_its_version(client: Client, demo: Partnership) -> None:
    html = page(client, "/guidance/demo/")
    for title in (
        "Consent and confidentiality",
        "Sharing information",
        "Building a trusted relationship",
        "Starting a difficult conversation",
        "Resolution of professional disagreements",
    ):
        assert title in html
    assert "From Thresholds for Intervention, version 1.0.0" in html
    assert (
        "From Supporting Families Practice Toolkit and Child Exploitation guide, version 1.0.0"
        in html
    )


def test_searching_guidance(client: Client, demo: Partnership) -> None:
    html = page(client, "/guidance/demo/?q=ESCALATION")
    assert "1 page found" in html and "Resolution of professional disagreements" in html
    assert "No guidance matches" in page(client, "/guidance/demo/?q=zebra")


def test_a_guidance_page_renders_its_markdown_safely(client: Client, demo: Partnership) -> None:
    html = page(client, "/guidance/demo/coventry/sharing-information/")
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert "Keep a record of your decision and the reasons for it" in html
    assert "Supporting Families Practice Toolkit and Child Exploitation guide" in html
    assert "version 1.0.0" in html
    assert client.get("/guidance/demo/coventry/nothing-here/").status_code == 404


def test_numbers_a_guidance_page_gives_become_tap_to_call_links(
    client: Client, demo: Partnership
) -> None:
    html = page(client, "/guidance/demo/stoke-on-trent/support-from-childrens-social-care/")
    assert "Contacts on this page" in html
    assert 'href="tel:01782235100"' in html and 'href="tel:01782234234"' in html
    assert 'href="tel:999"' in html
    assert client.get("/guidance/demo/elsewhere/sharing-information/").status_code == 404


# --- the directory -------------------------------------------------------------------------


def test_the_directory_lists_every_service(client: Client, demo: Partnership) -> None:
    html = page(client, "/directory/demo/")
    services = len(pack_set_for(demo).services)
    assert services > 60
    assert html.count('class="rh-result-item"') == services
    assert f"{services} services" in html
    assert 'href="tel:02476788555"' in html


def test_a_youth_worker_looks_for_help_for_a_14_year_old_at_risk_of_sexual_exploitation(
    client: Client, demo: Partnership
) -> None:
    html = page(client, "/directory/demo/?criterion=6.3&age=14")
    assert "Horizon Team" in html and "Positive Choices" in html
    assert "Relate" not in html
    assert "Services whose pack gives no ages are included" in html


def test_directory_search_by_words(client: Client, demo: Partnership) -> None:
    html = page(client, "/directory/demo/?q=womens+aid")
    assert "1 service found" in html
    assert "Coventry Haven Women&#x27;s Aid" in html


def test_a_non_numeric_age_is_a_clear_message_on_the_page(
    client: Client, demo: Partnership
) -> None:
    html = page(client, "/directory/demo/?age=ten")
    assert "govuk-error-summary" in html
    assert "Enter an age in whole years, from 0 to 120, like 14" in html
    assert 'href="#age"' in html and "govuk-input--error" in html
    assert 'value="ten"' in html  # what was typed is kept


def test_an_unknown_outcome_or_criterion_is_a_clear_message(
    client: Client, demo: Partnership
) -> None:
    html = page(client, "/directory/demo/?outcome=42&criterion=9.9")
    assert "Choose an outcome from the list" in html
    assert "Choose a criterion from the list" in html


def test_a_service_page_has_all_its_contacts_hours_and_referral_route(
    client: Client, demo: Partnership
) -> None:
    html = page(client, "/directory/demo/coventry/project-apollo-artimus/")
    assert 'href="mailto:kimberley.keating@westmidlands.police.uk"' in html
    assert 'href="mailto:coventry_partnership@west-midlands.pnn.police.uk"' in html
    assert "Kimberley Keating" in html
    assert "For referrals please contact Kimberley Keating directly" in html
    assert "12 to 19" in html
    front_door = page(client, "/directory/demo/stoke-on-trent/integrated-front-door/")
    assert 'href="tel:01782235100"' in front_door
    assert "Mon-Thurs, 8.30am – 5pm and Fri, 8.30am – 4.30pm" in front_door
    assert "Getting Risk Support" in front_door
    families = page(client, "/directory/demo/coventry/family-hub/")
    assert 'href="https://www.CoventryFamilies.co.uk"' in families
    assert client.get("/directory/demo/coventry/nothing/").status_code == 404


def test_a_directory_search_says_what_it_also_looked_for_and_where_to_find_contacts(
    client: Client, demo: Partnership
) -> None:
    html = client.get("/directory/demo/?q=DV").content.decode()
    assert "Also searched for:" in html and "domestic abuse" in html
    assert "the product&#x27;s list of common words" in html
    results = html.split('<ol class="govuk-list rh-results">')[1].split("</ol>")[0]
    assert results.index("Independent Domestic Violence Advisor") < results.index("Relate")
    # Relate has no contacts in the pack: the page says where to look instead.
    relate = results.split(">Relate<")[1].split("</li>")[0]
    assert "No phone, email or website" in relate and "Stoke Community Directory" in relate
    assert "How to refer:" in relate


def test_a_directory_search_with_no_full_match_says_so(client: Client, demo: Partnership) -> None:
    html = client.get("/directory/demo/?q=horizon+zebra").content.decode()
    assert "No service matched every word." in html and "Horizon Team" in html
