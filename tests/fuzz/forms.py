"""The forms of a rendered page, read with the standard library's HTML parser: what a browser
would submit for each, and which fields a fuzzer may change."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

NOT_FUZZED = {"csrfmiddlewaretoken"}


@dataclass
class Form:
    method: str
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # what is submitted by default
    names: list[str] = field(default_factory=list)  # every field a user can change
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def data(self, **changes: str) -> dict[str, list[str]]:
        data: dict[str, list[str]] = {}
        for name, value in self.fields:
            data.setdefault(name, []).append(value)
        if self.buttons:
            name, value = self.buttons[0]
            data.setdefault(name, [value])
        for name, value in changes.items():
            data[name] = [value]
        return data

    @property
    def key(self) -> tuple:
        return (self.method, self.action, tuple(sorted(self.names)))


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str, list[str], list[str]] | None = None  # name, options, selected
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            action = urljoin(self.page_url, attrs.get("action") or self.page_url)
            self._form = Form(method=attrs.get("method", "get").lower(), action=action)
            self.forms.append(self._form)
            return
        form, name = self._form, attrs.get("name")
        if form is None or not name or "disabled" in attrs:
            return
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "image", "button"):
                form.buttons.append((name, attrs.get("value", "")))
            elif kind == "file":
                return
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs or (kind == "radio" and name not in form.names):
                    form.fields.append((name, attrs.get("value", "on")))
            else:
                form.fields.append((name, attrs.get("value", "")))
            if kind != "file" and name not in form.names:
                form.names.append(name)
        elif tag == "button" and attrs.get("type", "submit").lower() == "submit":
            form.buttons.append((name, attrs.get("value", "")))
            if name not in form.names:
                form.names.append(name)
        elif tag == "select":
            self._select = (name, [], [])
        elif tag == "option" and self._select is not None:
            self._select[1].append(attrs.get("value", ""))
            if "selected" in attrs:
                self._select[2].append(attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = (name, [])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        form = self._form
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and form is not None:
            name, options, selected = self._select
            chosen = selected or options[:1]
            form.fields.extend((name, value) for value in chosen)
            form.names.append(name)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and form is not None:
            name, text = self._textarea
            form.fields.append((name, "".join(text).lstrip("\n")))
            form.names.append(name)
            self._textarea = None


def forms_of(html: str, page_url: str) -> list[Form]:
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms


def path_of(url: str) -> str:
    return urlsplit(url).path
