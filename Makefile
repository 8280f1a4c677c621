# The two commands a new user needs. Everything else lives in .ci/.
.PHONY: demo test

demo: ## Build and run Hive with demo data at http://127.0.0.1:3000
	.ci/demo.sh

test: ## Install what testing needs and run every test
	.ci/test.sh
