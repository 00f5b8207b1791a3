"""The JSON Schema of a case file and of the settings, for editors' autocompletion."""

from __future__ import annotations

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from iopdocs.case.model import Case


class _EditorSchema(GenerateJsonSchema):
    """JSON Schema for editors: field descriptions (Swedish) only, no class docstrings."""

    def model_schema(self, schema):
        """Return a model's schema without the description taken from its docstring."""
        result = super().model_schema(schema)
        target = result if "properties" in result else None
        if target is not None:
            target.pop("description", None)
        return result


def json_schema(model: type[BaseModel]) -> dict:
    """Return the JSON Schema of a case or settings file, keyed by the Swedish YAML keys."""
    result = model.model_json_schema(by_alias=True, schema_generator=_EditorSchema)
    for definition in result.get("$defs", {}).values():
        if "enum" in definition:  # an enum's description is its English docstring
            definition.pop("description", None)
    result["description"] = (
        "Ärendefil för iopdocs" if model is Case else "Organisationens inställningar för iopdocs"
    )
    return result
