"""HSDS 3.0 service records written for the tests: a rich, valid one as a council's directory
would publish it, and many of them for the benchmarks. Made up, not from any directory."""

from __future__ import annotations

import uuid
from typing import Any

_NS = uuid.UUID("6f0b0f36-8a43-4d3f-9a55-3c4bb7f0c1d2")


def _id(*parts: object) -> str:
    return str(uuid.uuid5(_NS, "/".join(map(str, parts))))


def rich_service(number: int = 0) -> dict[str, Any]:
    """A family hub service with everything a practitioner would use, in HSDS 3.0."""
    n = number
    organization_id = _id("org", n % 7)
    location_id = _id("location", n)
    return {
        "id": _id("service", n),
        "organization_id": organization_id,
        "name": f"Family Hub drop-in {n}",
        "description": "Drop in for advice on parenting, money and health.",
        "url": "https://familyhub.example.org.uk/drop-in",
        "email": "hub@example.org.uk",
        "status": "active",
        "alert": "Closed on bank holidays.",
        "interpretation_services": "Interpreters can be booked for any language.",
        "application_process": "Walk in, or ask your health visitor to refer you.",
        "wait_time": "Usually seen the same day.",
        "fees_description": "Free. Some courses charge a small fee.",
        "eligibility_description": "Families with children up to 19, or 25 with SEND.",
        "minimum_age": 0,
        "maximum_age": 25,
        "last_modified": "2025-03-14T09:30:00Z",
        "phones": [{"id": _id("phone", n), "number": "01632 960000"}],
        "schedules": [{"id": _id("schedule", n), "description": "Weekdays 9am to 5pm"}],
        "service_areas": [{"id": _id("area", n), "name": "Northtown"}],
        "languages": [
            {"id": _id("language", n, 0), "name": "English", "code": "en"},
            {"id": _id("language", n, 1), "name": "Polish", "code": "pl"},
        ],
        "organization": {
            "id": organization_id,
            "name": f"Northtown Council {n % 7}",
            "description": "The local authority for Northtown.",
            "website": "https://www.northtown.example.gov.uk",
        },
        "service_at_locations": [
            {
                "id": _id("service_at_location", n),
                "service_id": _id("service", n),
                "location_id": location_id,
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": "Northtown Family Hub",
                    "description": "Next to the library.",
                    "transportation": "Bus 12 stops outside.",
                    "latitude": 52.4,
                    "longitude": -1.5,
                    "addresses": [
                        {
                            "id": _id("address", n),
                            "address_1": "1 High Street",
                            "city": "Northtown",
                            "state_province": "Westshire",
                            "postal_code": "NT1 1AA",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                    "schedules": [
                        {"id": _id("location_schedule", n), "description": "Tuesdays 10am to 2pm"}
                    ],
                    "phones": [{"id": _id("location_phone", n), "number": "01632 960001"}],
                    "accessibility": [
                        {"id": _id("access", n), "description": "Step-free entrance and lift."}
                    ],
                },
            }
        ],
        "cost_options": [
            {
                "id": _id("cost", n),
                "option": "Baby massage course",
                "amount": 10,
                "currency": "GBP",
                "amount_description": "for 4 sessions",
            }
        ],
        "required_documents": [{"id": _id("document", n), "document": "Red book, if you have it"}],
        "attributes": [
            {
                "id": _id("attribute", n),
                "taxonomy_term_id": _id("term", "family-support"),
                "taxonomy_term": {
                    "id": _id("term", "family-support"),
                    "name": "Family support",
                    "description": "Support for families with children.",
                    "code": "FS",
                    "taxonomy": "Example service types",
                },
            }
        ],
    }


def rich_services(count: int) -> list[dict[str, Any]]:
    return [rich_service(number) for number in range(count)]
