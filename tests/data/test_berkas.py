"""Publishing writes what changed: a folder copied beside a published one links the files the
published one already holds, and a file replaced afterwards leaves the published file alone."""
from __future__ import annotations

import os

from lkjip.data.berkas import copy_tree_linked, write_atomic


def test_unchanged_files_are_linked_from_the_published_folder_and_changed_ones_written(tmp_path):
    published, work, staged = tmp_path / "terbit", tmp_path / "kerja", tmp_path / "baru"
    for d, page in ((published, "lama"), (work, "baru")):
        (d / "_static").mkdir(parents=True)
        (d / "_static" / "gaya.css").write_text("body{}", encoding="utf-8")
        (d / "bab.html").write_text(f"<p>{page}</p>", encoding="utf-8")
    (work / "baru.html").write_text("<p>halaman baru</p>", encoding="utf-8")

    copy_tree_linked(work, staged, published)
    same = lambda a, b: os.stat(a).st_ino == os.stat(b).st_ino  # noqa: E731
    assert same(staged / "_static" / "gaya.css", published / "_static" / "gaya.css")
    assert not same(staged / "bab.html", published / "bab.html")
    assert (staged / "bab.html").read_text(encoding="utf-8") == "<p>baru</p>"
    assert (staged / "baru.html").read_text(encoding="utf-8") == "<p>halaman baru</p>"
    # a file of the new folder replaced (as the build marks an older PDF's link): the published
    # file it shared is as it was
    write_atomic(staged / "_static" / "gaya.css", "body{color:red}")
    assert (published / "_static" / "gaya.css").read_text(encoding="utf-8") == "body{}"
    # nothing published yet: a plain copy
    copy_tree_linked(work, tmp_path / "pertama", tmp_path / "tidak-ada")
    assert (tmp_path / "pertama" / "bab.html").read_text(encoding="utf-8") == "<p>baru</p>"
