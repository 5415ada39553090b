from django.apps import AppConfig


class LocalOfferConfig(AppConfig):
    name = "sendboard.localoffer"
    label = "localoffer"
    verbose_name = "Local Offer directory and its Open Referral UK API"
    home_links: list = []
