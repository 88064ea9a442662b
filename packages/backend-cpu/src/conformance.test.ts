import { describeBackendConformance } from "@rnnkit/core-tensor/testing";
import { registerCpuBackend } from "./register.js";

registerCpuBackend();
describeBackendConformance("cpu");
