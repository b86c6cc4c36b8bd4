from bot.cables.library import Library


def test_bundled_library_resolves_ids_leniently(bundled_library: Library) -> None:
    cable = bundled_library.get("08 reykjavik-195")
    assert cable is not None
    assert cable.ref_id == "08REYKJAVIK195"
    assert cable.permalink == "https://wikileaks.org/cable/2008/09/08REYKJAVIK195.html"
