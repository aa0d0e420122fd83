from supply_chain_hooks.cli import run

if __name__ == "__main__":
    run()
