"""Masking of personal data shown on screens and in messages: one place for the rule."""


def mask_name(name: str) -> str:
    """张三 -> 张*, 欧阳娜娜 -> 欧***: only the first character stays."""
    name = (name or "").strip()
    return name[:1] + "*" * (len(name) - 1) if name else ""


def mask_id_number(number: str) -> str:
    """360102198005170123 -> 3601**********0123: the first and last four characters stay."""
    number = (number or "").strip()
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]
