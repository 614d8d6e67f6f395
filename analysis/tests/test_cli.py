"""Help texts and usage errors."""
import unittest

from .support import cli

COMMANDS = ("info", "plot", "multiples", "diff", "qb", "pyramid", "report")


class Help(unittest.TestCase):
    def test_main_help(self):
        p = cli("--help")
        self.assertEqual(p.returncode, 0, p.stderr)
        for c in COMMANDS:
            self.assertIn(c, p.stdout)
        self.assertIn("exit status", p.stdout)

    def test_subcommand_help(self):
        for c in COMMANDS:
            with self.subTest(command=c):
                p = cli(c, "--help")
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertIn(f"usage: python3 -m analysis {c}", p.stdout)
                self.assertIn("file", p.stdout)

    def test_usage_errors_exit_2(self):
        for args in ([], ["plot"], ["plot", "r.h5"], ["frobnicate", "r.h5"]):
            with self.subTest(args=args):
                p = cli(*args)
                self.assertEqual(p.returncode, 2)
                self.assertIn("usage:", p.stderr)


if __name__ == "__main__":
    unittest.main()
