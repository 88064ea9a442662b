export { fill } from "./fill.js";
export { ones, onesLike } from "./ones.js";
export { type RandomOptions, randomNormal } from "./random-normal.js";
export { randomUniform } from "./random-uniform.js";
export { scalar, type TensorLike, tensor } from "./tensor.js";
export { zeros, zerosLike } from "./zeros.js";
