# vanban — every target installs what it needs first (Tesseract + vie via apt-get, Python deps via pip).
PYTHON ?= python3
OUT ?= out
JOBS ?= 2
export OMP_THREAD_LIMIT = 1

.PHONY: deps sysdeps run test lint models golden bench bench-restore bench-extract bench-ocr bench-legacy bench-pipeline bench-scans clean

sysdeps:
	@command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie \
	  && tesseract --list-langs 2>/dev/null | grep -qx eng && fc-list 2>/dev/null | grep -qi dejavu \
	  || { echo "installing tesseract-ocr, its vie/eng data and fonts via apt-get"; \
	       apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	         tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng fonts-dejavu-core fonts-liberation \
	         fontconfig >/dev/null; }

deps: sysdeps
	@$(PYTHON) -c "import os, vanban, pytest, hypothesis, pdfplumber, pypdfium2, cv2, pytesseract, pyarrow, pandas, rich, rapidfuzz, pypdf; \
	  assert os.path.samefile(os.path.dirname(vanban.__file__), '.'); \
	  from vanban.restore import compiled; import glob; so = glob.glob('restore/_speed*.so'); \
	  assert compiled.available() and os.path.getmtime(so[0]) >= os.path.getmtime('restore/_speed.c')" \
	  2>/dev/null \
	  || $(PYTHON) -m pip install -q -e '.[dev]'

run: deps
	$(PYTHON) -m vanban run data/samples -o $(OUT) --jobs $(JOBS)

test: deps
	$(PYTHON) -m pytest -q

lint: deps
	$(PYTHON) -m ruff check .
	mkdir -p build/mypy && ln -sfn ../.. build/mypy/vanban
	cd build/mypy && MYPYPATH=. $(PYTHON) -m mypy -p vanban

models: deps
	@$(PYTHON) -c "import pyvi, vietnam_provinces" 2>/dev/null || $(PYTHON) -m pip install -q -e '.[models]'
	$(PYTHON) -m tools.train.train

golden: deps
	$(PYTHON) -m pytest -q tests/test_golden_documents.py --update-golden
	git diff --stat -- tests/golden

bench: bench-restore bench-extract bench-ocr bench-legacy bench-pipeline bench-scans

bench-restore: deps
	@$(PYTHON) -c "import pyvi" 2>/dev/null || $(PYTHON) -m pip install -q -e '.[bench]'
	$(PYTHON) -m tools.bench.restore

bench-extract: deps
	$(PYTHON) -m tools.bench.extract

bench-ocr: deps
	$(PYTHON) -m tools.bench.ocr

bench-legacy: deps
	$(PYTHON) -m tools.bench.legacy

bench-pipeline: deps
	$(PYTHON) -m tools.bench.pipeline --jobs $(JOBS)

bench-scans: deps
	$(PYTHON) -m tools.bench.scans --jobs $(JOBS)

clean:
	rm -rf build out .pytest_cache .mypy_cache .ruff_cache
