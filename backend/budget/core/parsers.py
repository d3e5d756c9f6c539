"""The one parser of the API: JSON. Forms and multipart bodies get DRF's 415."""

import codecs
import json
from decimal import Decimal

from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.settings import api_settings
from rest_framework.utils.json import strict_constant


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with two differences:

    - numbers with a fraction or exponent are read as Decimal, not float: money stays exact, and
      1e400 is an amount out of range (a 400 naming the limit), not infinity;
    - a body nested deeper than Python can recurse is a 400, not a 500 (RecursionError).
    """

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})  # refuses bz2_codec and the like
        try:
            return json.load(
                codecs.getreader(encoding)(stream),
                parse_float=Decimal,
                parse_constant=strict_constant if api_settings.STRICT_JSON else None,
            )
        except RecursionError:
            raise ParseError("JSON parse error - the body is nested too deep.") from None
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
