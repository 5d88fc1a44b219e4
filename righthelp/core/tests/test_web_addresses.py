from righthelp.core.web_addresses import split_addresses


def test_an_address_ending_a_sentence_leaves_its_full_stop() -> None:
    assert split_addresses("Refer at www.coventry.gov.uk/mashreferral.") == [
        ("Refer at ", None),
        ("www.coventry.gov.uk/mashreferral", "https://www.coventry.gov.uk/mashreferral"),
        (".", None),
    ]


def test_text_without_an_address_is_one_piece_and_emails_are_not_addresses() -> None:
    assert split_addresses("Call 024 7678 8555") == [("Call 024 7678 8555", None)]
    assert split_addresses("mash@www.example.org") == [("mash@www.example.org", None)]


def test_a_full_url_keeps_its_scheme() -> None:
    assert split_addresses("http://example.org/a") == [
        ("http://example.org/a", "http://example.org/a")
    ]
