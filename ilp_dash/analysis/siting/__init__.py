"""Ambulance base siting: the models (:mod:`.models`), their sparse formulations (:mod:`.formulations`),
the exact p-median (:mod:`.median`), the HiGHS call (:mod:`.solver`), shared types (:mod:`.types`)
and the planner's plan on top of them (:mod:`.plan`)."""
