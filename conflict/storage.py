"""Static files in production: whitenoise's compressed, hashed-name storage, with one exception."""

from whitenoise.storage import CompressedManifestStaticFilesStorage

# Leaflet finds its marker images by reading this URL back from its stylesheet and expects it to
# end in `marker-icon.png`; it then loads `marker-icon.png`, `marker-icon-2x.png` and
# `marker-shadow.png` from that folder. The reference keeps its plain name (the plain copies are
# kept beside the hashed ones), so the markers load.
LEAFLET_ICON_PATH = "images/marker-icon.png"


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def url_converter(self, name, hashed_files, template=None):
        converter = super().url_converter(name, hashed_files, template)

        def keep_leaflet_icon_path(match):
            if name.endswith("leaflet/dist/leaflet.css") and match.group("url") == LEAFLET_ICON_PATH:
                return match.group("matched")
            return converter(match)

        return keep_leaflet_icon_path
