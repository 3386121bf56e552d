"""Executes every notebook in Notebooks/ with nbclient (Python kernel of this environment), from
the repository root, and reports one line per notebook and a closing line
`notebooks: N passed, M failed`. Exits 1 when a cell fails. The committed notebooks are not
changed: the executed copies go to .build/notebooks/ for a look.

Run by scripts/test.sh with .venv/bin/python; TRIALSTATS names the binary the notebooks call.
"""
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

root = Path(__file__).resolve().parent.parent
executed = root / ".build" / "notebooks"
executed.mkdir(parents=True, exist_ok=True)
passed, failed = 0, 0
for path in sorted((root / "Notebooks").glob("*.ipynb")):
    notebook = nbformat.read(path, as_version=4)
    # The kernel talks over local sockets in a private folder (no TCP port is opened).
    sockets = Path(tempfile.mkdtemp(prefix="trialstats-kernel-"))
    kernel = KernelManager(kernel_name="python3", transport="ipc", ip=str(sockets / "kernel"))
    client = NotebookClient(notebook, km=kernel, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(root)}})
    started = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as error:
        failed += 1
        lines = str(error).strip().splitlines()
        print(f"notebook {path.name}: FAILED after {time.monotonic() - started:.1f} s", flush=True)
        print("\n".join("    " + line for line in lines[-25:]), flush=True)
    else:
        passed += 1
        print(f"notebook {path.name}: passed in {time.monotonic() - started:.1f} s", flush=True)
    finally:
        if kernel.has_kernel:
            kernel.shutdown_kernel(now=False)
        shutil.rmtree(sockets, ignore_errors=True)
    nbformat.write(notebook, executed / path.name)
print(f"notebooks: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
