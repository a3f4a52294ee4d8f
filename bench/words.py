"""The vocabulary of the synthetic programme: titles, names, places and sentences.

Plain data, a little of it accented or in other scripts, so that search folding
and non-ASCII slugs are exercised as in a real programme.
"""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ADJECTIVES = _words(
    "Silent Red Long Last Hidden Golden Broken Quiet Northern Distant Burning Empty Secret "
    "Wild Frozen Bright Lost Second Winter Summer Blue Little Restless Electric Paper Salt "
    "Glass Iron Velvet Hollow"
)
NOUNS = _words(
    "Harbour River Mountain Garden Station Island Window Mirror Border Lighthouse Forest "
    "Bridge Orchard Kitchen Factory Road Season Letter Daughter Stranger Horizon Archive "
    "Circus Coast Valley Choir Tower Frontier Storm Tide"
)
PLACES = _words(
    "Lisbon Kyiv Dakar Oaxaca Tbilisi Gdańsk Reykjavík Sapporo Valparaíso Marseille Bogotá Tromsø"
)
ORIGINAL_TITLES = (
    "La noche del faro",
    "Ночной порт",
    "Der stille Fluss",
    "Été indien",
    "Mañana en el río",
    "Kış uykusu",
    "Dzień po burzy",
    "Sommarnatt",
    "O rio das almas",
    "Белый снег",
    "夜の港",
    "Ġnien is-sajf",
)
FIRST_NAMES = _words(
    "Ana Lucía Jonas Mira Tomasz Aiko Kwame Ingrid Rafael Noor Søren Zoë Ólafur Chiara "
    "Dmitri Amara Hugo Yasmin Pavel Leila Mateo Ewa Tariq Hana Bruno Selin Oskar Nadia "
    "Kenji Frida Luca Asha Emil Rosa Idris Greta Milan Ines Teodor Vera"
)
LAST_NAMES = _words(
    "Domínguez Novak Okafor Lindqvist Ferreira Kowalski Tanaka Mensah Haddad Dvořák Jensen "
    "Moreau Petrov Rossi Nakamura Björk Mwangi Castillo Weber Öztürk Nowak Silva Ivanova "
    "Kaur Brennan Fischer Laine Costa Ahmadi Varga Hoffmann Sato Quispe Müller Eriksen "
    "Popescu Baptiste Zhou Novák Adeyemi"
)
CITIES = (
    ("London", "GB", "Europe/London"),
    ("Manchester", "GB", "Europe/London"),
    ("Glasgow", "GB", "Europe/London"),
    ("Berlin", "DE", "Europe/Berlin"),
    ("Wiesbaden", "DE", "Europe/Berlin"),
    ("New York", "US", "America/New_York"),
    ("Boston", "US", "America/New_York"),
)
COUNTRIES = _words("GB FR DE ES PT PL JP SN MX GE IS NG BR SE TR KR")
LANGUAGES = _words("en fr de es pt pl ja wo ka is yo sv tr ko ru uk")
SUBJECTS = _words(
    "History Politics Family Music Migration Labour Nature Cities Memory War Childhood Art "
    "Science Sport Religion"
)
ARTICLE_TAGS = _words("Preview Interview Festival Restoration Documentary Guest Q&A Retrospective")
SHOW_TIMES = ("11:00", "13:30", "14:00", "16:15", "18:00", "18:30", "20:00", "20:45", "21:15")
LATE_SHOW = "00:30"
SENTENCES = (
    "A community learns to live with what the flood left behind.",
    "Shot over four winters, the film follows a family through a slow upheaval.",
    "Archive footage and new interviews argue with each other about what happened.",
    "Two strangers share a night shift and, by morning, a secret.",
    "The director returns to the village of her childhood with a borrowed camera.",
    "A choir rehearses for a concert that may never take place.",
    "Long takes let the landscape speak louder than any of its people.",
    "Told in three seasons, it is a portrait of a town waiting for news.",
    "A restored print brings back colours unseen since the premiere.",
    "Funny and furious, it refuses every easy answer.",
)
