"""Delivers into the message center of the stand-in app (`appcenter/`): the only place where
the portal touches the stand-in."""

from accounts.push import BaseBackend, DeliveryFailed, NotRegistered


class AppCenterBackend(BaseBackend):
    def send(self, *, id_number: str, title: str, body: str, code: str, key: str = "") -> None:
        from appcenter import services

        try:
            services.message_deliver(
                id_number=id_number, title=title, body=body, code=code, key=key
            )
        except services.AppUserNotRegistered:
            raise NotRegistered(id_number) from None
        except services.AppCenterDisabled:
            raise DeliveryFailed("the app stand-in is disabled") from None
