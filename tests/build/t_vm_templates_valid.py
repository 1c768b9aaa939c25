"""Every VM template makes a domain definition libvirt accepts: the
unit tests' goldens (tests/unit/data/vm/, the XML keel_vm_xml() makes
from each template in console/templates) pass libvirt's own schema
(virt-xml-validate ... domain), each template has one, and a broken
definition fails the same check (it can see a fault)."""

import glob
import os

from buildtest import check, run, scratch

GOLDENS = "tests/unit/data/vm"


def validate(path):
    return run(["virt-xml-validate", path, "domain"])


def test():
    templates = sorted(os.path.basename(t) for t in
                       glob.glob("console/templates/*.xml"))
    goldens = sorted(os.path.basename(g) for g in
                     glob.glob(os.path.join(GOLDENS, "*.xml")))
    check(templates, "no templates in console/templates")
    check(templates == goldens, "templates %s but goldens %s: each template"
          " needs a golden (KEEL_UPDATE_GOLDEN=1 build/tests/unit-runner)"
          % (templates, goldens))
    for g in goldens:
        rc, out = validate(os.path.join(GOLDENS, g))
        check(rc == 0, "%s is not a valid libvirt domain:\n%s" % (g, out))
    bad = os.path.join(scratch("vmxml"), "bad.xml")
    with open(os.path.join(GOLDENS, goldens[0])) as f:
        text = f.read()
    with open(bad, "w") as f:
        f.write(text.replace("<vcpu>", "<vcpus>").replace("</vcpu>",
                                                          "</vcpus>"))
    rc, out = validate(bad)
    check(rc != 0, "a definition with <vcpus> passed virt-xml-validate: "
          "the check is blind:\n" + out)
