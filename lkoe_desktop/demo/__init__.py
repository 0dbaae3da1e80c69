"""The demo data generator: invented Swedish partners, people, themes and meetings to try with."""
