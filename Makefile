# The two commands a new user needs. Everything else lives in .ci/.
.PHONY: demo test bench reliability

demo: ## Build and run Hive with demo data at http://127.0.0.1:3000
	.ci/demo.sh

test: ## Install what testing needs and run every test
	.ci/test.sh

bench: ## Measure Hive on city-size data (writes BENCHMARKS.md; not part of the tests)
	.ci/bench.sh

reliability: ## Crash, load and bad-input rounds (writes BENCHMARKS.md; not part of the tests)
	.ci/reliability.sh
