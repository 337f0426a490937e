"""E-mail addresses and telephone numbers: what counts as one, and the `tel:` link a number dials."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Collection, Mapping

if TYPE_CHECKING:
    import phonenumbers

# phonenumbers and email-validator are imported where they are first needed: together they
# take a tenth of a second to load (their tables and patterns), which a rebuild after one
# edit should not pay for every bio, nor a site whose bios give no number.

# Deliberately narrower than RFC 5322: no ?, &, = or / in the local part, so an
# address can never add headers or recipients to the `mailto:` link it ends up in.
EMAIL = re.compile(r"^[A-Za-z0-9._+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
PHONE = re.compile(r"^\+?[0-9(][0-9 ()-]{5,22}[0-9]$")
# Ofcom's numbers for drama and examples (07700 900xxx, 01632 960xxx): never anyone's, so
# safe in templates and demo content, but not "valid" to phonenumbers, which knows they are unassigned.
_EXAMPLE_NUMBERS = re.compile(r"^(?:7700900|1632960)[0-9]{3}$")


def tel_uri(phone: str) -> str:
    """The `tel:` address of a number in E.164 (`tel:+447700900123`), so it dials from any country.

    A number phonenumbers cannot read keeps its + and digits, without the (0) of
    "+44 (0)7700 900123": that is the trunk prefix, dialled only from inside the country.
    """
    number = phone_number(phone)
    if number is not None:
        import phonenumbers

        return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if phone.lstrip().startswith("+"):
        phone = _TRUNK_ZERO.sub("", phone)
    return "tel:" + "".join(char for char in phone if char in "+0123456789")


_TRUNK_ZERO = re.compile(r"\(\s*0\s*\)")


def is_email(value: str) -> bool:
    """Whether `value` is an e-mail address with nothing that could add a header or a recipient."""
    if not EMAIL.match(value):
        return False
    # email-validator knows the rules our pattern does not (no `..`, no dot at either end of
    # the local part, real domain labels); no DNS lookups, so the check works offline.
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def phone_number(value: str) -> phonenumbers.PhoneNumber | None:
    """The number as phonenumbers reads it (UK unless it starts with +), or None when it is not a real one."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return number
    if number.country_code == 44 and _EXAMPLE_NUMBERS.match(str(number.national_number)):
        return number
    return None


@dataclass(frozen=True)
class AddressVerdicts:
    """What the address libraries said of each address the bios gave, kept from build to build.

    A bio edited below its `contact:` lines is checked again, and without these its
    addresses would be too: importing and setting up email-validator alone took 14 ms of
    a 0.57 s one-edit build. The verdicts depend on the text alone (the site's e-mail
    domains are checked apart, every time).
    """

    emails: Mapping[str, bool] = field(default_factory=dict)
    """An e-mail address as written -> whether is_email() took it."""
    phones: Mapping[str, bool] = field(default_factory=dict)
    """A telephone number as written -> whether phone_number() could read it."""


class AddressChecks:
    """The address checks of one validation: the libraries are asked only about text no earlier verdict covers."""

    def __init__(self, earlier: AddressVerdicts = AddressVerdicts()) -> None:
        self.earlier = earlier
        self.emails: dict[str, bool] = {}
        self.phones: dict[str, bool] = {}

    def is_email(self, text: str) -> bool:
        """is_email(text), from the earlier verdict when there is one."""
        verdict = self.emails.get(text, self.earlier.emails.get(text))
        if verdict is None:
            verdict = is_email(text)
        self.emails[text] = verdict
        return verdict

    def is_phone(self, text: str) -> bool:
        """Whether phone_number(text) reads it, from the earlier verdict when there is one."""
        verdict = self.phones.get(text, self.earlier.phones.get(text))
        if verdict is None:
            verdict = phone_number(text) is not None
        self.phones[text] = verdict
        return verdict

    def verdicts(self, kept: Collection[str]) -> AddressVerdicts:
        """Every verdict asked for here, and the earlier ones on the addresses in `kept`.

        `kept` is the addresses of the bios that were not checked again; the rest of the
        earlier verdicts are forgotten, so the memory never grows beyond the site.
        """
        return AddressVerdicts(
            emails={text: verdict for text, verdict in self.earlier.emails.items() if text in kept} | self.emails,
            phones={text: verdict for text, verdict in self.earlier.phones.items() if text in kept} | self.phones)
