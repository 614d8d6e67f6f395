"""Broken results files (issue 18, item 9): each ends in one message and exit status 2, never a
traceback, a wrong "no such file", or a format_version that teachsim summary would refuse."""
import os
import shutil
import unittest

import h5py
import numpy as np

from analysis import results as R

from . import support
from .support import cli


def copy_of_real(name):
    path = os.path.join(support.tmpdir(), name)
    shutil.copyfile(support.real_results(), path)
    return path


class BrokenFiles(unittest.TestCase):
    def assertRefused(self, path, text, command="report"):
        args = ["report", path, "-o", support.tmpdir()] if command == "report" else ["info", path]
        p = cli(*args)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertNotIn("Traceback", p.stderr)
        self.assertIn(text, p.stderr)

    def test_format_version_as_text_or_real(self):
        for value in ("1", np.float64(1.0)):
            with self.subTest(value=value):
                path = copy_of_real("version.h5")
                with h5py.File(path, "r+") as f:
                    f.attrs["format_version"] = value
                self.assertRefused(path, "unknown format_version", command="info")

    def test_folder_and_fifo(self):
        folder = support.tmpdir()
        self.assertRefused(folder, "a folder, not a results file", command="info")
        fifo = os.path.join(support.tmpdir(), "fifo.h5")
        os.mkfifo(fifo)
        self.assertRefused(fifo, "not a regular file", command="info")

    def test_dataset_of_the_wrong_shape(self):
        path = copy_of_real("shape.h5")
        with h5py.File(path, "r+") as f:
            del f["vacancies"]
            f.create_dataset("vacancies", data=np.zeros((3, 4)))
        p = cli("report", path, "-o", support.tmpdir())
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertNotIn("Traceback", p.stderr)

    def test_damaged_chunk_data(self):
        """Every compressed chunk of `teachers` overwritten with garbage: deflate fails when the
        report reads the values, long after the file opened."""
        path = copy_of_real("chunks.h5")
        with h5py.File(path, "r") as f:
            d = f["teachers"]
            spans = [(c.byte_offset, c.size) for c in (d.id.get_chunk_info(i) for i in range(d.id.get_num_chunks()))]
        with open(path, "r+b") as f:
            for offset, size in spans:
                f.seek(offset)
                f.write(b"\xa5" * size)
        p = cli("report", path, "-o", support.tmpdir())
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertNotIn("Traceback", p.stderr)
        self.assertIn("cannot be read", p.stderr)


if __name__ == "__main__":
    unittest.main()
