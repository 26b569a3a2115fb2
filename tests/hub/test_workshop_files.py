"""Rules for workshop/jupyterhub/ that a hub run on this machine cannot see (no Kubernetes, no Docker daemon)."""
import os
import re
import subprocess
import sys
import unittest

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HUB = os.path.join(REPO, "workshop", "jupyterhub")


def read(*parts):
    with open(os.path.join(REPO, *parts)) as f:
        return f.read()


class ValuesFile(unittest.TestCase):
    def setUp(self):
        self.values = yaml.safe_load(read("workshop", "jupyterhub", "values.yaml"))
        self.config = self.values["hub"]["config"]

    def test_login_fails_closed(self):
        authenticator = self.config["JupyterHub"]["authenticator_class"]
        self.assertNotIn(authenticator.lower(), ("dummy", "jupyterhub.auth.dummyauthenticator", "null", "nullauthenticator"))
        self.assertIs(self.config["Authenticator"].get("allow_all", False), False)
        # Shipped empty: nobody is let in until the teacher names the organisation.
        self.assertEqual(self.config["GitHubOAuthenticator"]["allowed_organizations"], [])
        self.assertNotIn("DummyAuthenticator", self.config)

    def test_the_course_is_copied_into_the_home_at_start_and_opened_there(self):
        hook = self.values["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
        self.assertEqual(hook, ["/opt/course/bin/course-home"])
        dockerfile = read("workshop", "jupyterhub", "Dockerfile")
        self.assertIn("--prefix /opt/course", dockerfile)
        self.assertIn('"$prefix/bin/course-home"', read("workshop", "jupyterhub", "install-course.sh"))
        # The server's root is the home (no WORKDIR into the course), so /lab/tree/course is home/course.
        self.assertEqual(self.values["singleuser"]["defaultUrl"], "/lab/tree/course")
        self.assertNotRegex(dockerfile, r"(?m)^WORKDIR")

    def test_no_fixed_thread_count(self):
        # Threads follow the pod's CPU limit (cgroup quota); a fixed COURSE_THREADS would override it.
        self.assertNotIn("COURSE_THREADS", self.values["singleuser"].get("extraEnv", {}))
        self.assertNotIn("COURSE_THREADS", read("workshop", "jupyterhub", "Dockerfile"))


class Image(unittest.TestCase):
    def setUp(self):
        self.dockerfile = read("workshop", "jupyterhub", "Dockerfile")

    def test_one_platform_icu_and_a_dated_base(self):
        self.assertIn("--runtime linux-x64", self.dockerfile)
        self.assertRegex(self.dockerfile, r"apt-get install[^\n]*\$\{?icu")
        base = re.findall(r"(?m)^FROM (\S+)", self.dockerfile)[-1]
        self.assertRegex(base, r":\d{4}-\d{2}-\d{2}$", "pin the docker-stacks base to a dated tag, not :latest")
        self.assertIn("COURSE_DATASETS=/opt/course/datasets", self.dockerfile)
        self.assertIn("JUPYTER_PATH=/opt/course/share/jupyter", self.dockerfile)

    def test_build_output_stays_out_of_the_build_context(self):
        ignored = [line.strip() for line in read(".dockerignore").splitlines() if line.strip() and not line.startswith("#")]
        for pattern in ("**/bin", "**/obj", ".git"):
            self.assertIn(pattern, ignored)
        for needed in ("notebooks", "datasets", "src", "Course.sln", "Directory.Packages.props", "global.json"):
            self.assertNotIn(needed, ignored)


class Sizing(unittest.TestCase):
    def test_values_and_docs_follow_the_measurements(self):
        run = subprocess.run([sys.executable, os.path.join(HUB, "sizing.py"), "--check"], capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stderr)


if __name__ == "__main__":
    unittest.main()
