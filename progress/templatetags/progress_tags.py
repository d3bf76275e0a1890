from django import template
from django.template.defaultfilters import filesizeformat

from progress import selectors
from progress.models import ApplicationEvent

register = template.Library()


@register.simple_tag
def latest_progress(case) -> str:
    """最新进度 in words: 已暂存 / 已提交，待审核 / 审核不通过：<reason> / …"""
    action = getattr(case, "latest_action", None) or ApplicationEvent.Action.CREATED
    words = str(ApplicationEvent.Action(action).label)
    note = getattr(case, "latest_note", "") or ""
    if action == ApplicationEvent.Action.REJECTED and note:
        return f"{words}：{note}"
    return words


@register.filter
def file_size(value) -> str:
    return filesizeformat(value)


@register.simple_tag
def case_edit_url(case) -> str:
    """Where 继续填写 / 修改 lead: the step where the case was last saved."""
    return selectors.resume_url(case)


@register.filter
def case_person(case) -> str:
    """姓名（证件号码 masked）, or only the masked number before a new person has a name."""
    from portal.masking import mask_id_number

    masked = mask_id_number(case.display_id_number)
    return f"{case.display_name}（{masked}）" if case.display_name else masked
