from django.apps import AppConfig


class CorpusConfig(AppConfig):
    """Loading the curated fixtures into the database and dumping the database back into them.

    The only app that imports all the others: the record apps know nothing of the fixture format.
    """

    name = "corpus"
    verbose_name = "Curated corpus"
