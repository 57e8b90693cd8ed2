/** The engine's public API: recurrent networks from scratch, float64, no ML library. See README.md. */

export { EngineError, LIMITS, type EngineErrorCode } from './errors';
export { createRandom, seedToUint32, type Random } from './random';
export { sigmoid, sigmoidDerivativeFromOutput, tanh, tanhDerivativeFromOutput } from './activations';
export {
	GATES,
	cellParameterShapes,
	countParameters,
	unitsForBudget,
	type BlockCount,
	type CellKind,
	type Convention,
	type GruVariant,
	type LayerCount,
	type ParameterShape,
	type StackCount,
	type StackSpec
} from './count';
export {
	checkNetworkFinite,
	cloneNetwork,
	createNetwork,
	networkFromWeights,
	parameterViews,
	specOf,
	weightsOf,
	type Head,
	type Layer,
	type LayerSpec,
	type Network,
	type NetworkSpec,
	type NetworkWeights,
	type ParameterSlot,
	type ParameterViews
} from './network';
export { buildNetwork, initialize, type InitOptions, type Initializer } from './init';
export { denseSequence, oneHotSequence, toSequence, type InputsLike, type Sequence } from './sequence';
export { prepareLoss, softmax, type LossKind, type LossSpec, type PreparedLoss, type Reduction } from './loss';
export { lossBreakdown, type LossBreakdown } from './loss-steps';
export {
	backward,
	forward,
	gradient,
	lossOf,
	type BackwardResult,
	type Gradients,
	type LayerTrace,
	type Trace
} from './trace';
export {
	jacobianBetween,
	jacobianNormMatrix,
	jacobianNorms,
	stepJacobians,
	type JacobianNormMatrix,
	type JacobianNorms,
	type JacobianOptions
} from './jacobian';
export { spectralNorm, spectralRadius } from './spectral';
export { eigenvalues, type Eigenvalue } from './eigen';
export { gradientReach } from './reach';
export { LSTM_GATES, checkClamp, gateRange, type GateClamp, type LstmGate } from './clamp';
export { candidateRnn, carryChain, compareCarry, type CarryChain, type CarryComparison } from './carry';
export { contributions, gradientChain, type ChainTerm, type Contributions, type GradientChain } from './chain';
export {
	explicitDerivative,
	finiteDifference,
	lossAtStep,
	lossSplit,
	relativeDifference,
	termFiniteDifferences,
	truncatedGradient,
	type LossSplit,
	type ParamRef,
	type StepGradient
} from './check';
export { clipByValue, clipGradients, createOptimizer, globalNorm, type Optimizer, type OptimizerSpec } from './optim';
export { createTrainer, trainEpochs, type ChunkCursor, type StepResult, type Trainer, type TrainOptions, type UpdateRecord } from './train';
export {
	NETWORK_FORMAT,
	fromJSON,
	networkFromLayers,
	stringify,
	toJSON,
	type LayerJSON,
	type Matrix,
	type NetworkJSON,
	type Vector
} from './serialize';
export {
	createChunkPredictor,
	createStepper,
	predict,
	recursiveForecast,
	sample,
	sampleIndex,
	sampleTrace,
	type SampleOptions,
	type ChunkPredictor,
	type SampleStep,
	type Stepper
} from './sample';
export {
	REFERENCE_FORMAT,
	REFERENCE_TOLERANCE,
	checkCase,
	checkReferenceFile,
	compareExpected,
	type CaseResult,
	type ReferenceCase
} from './reference';
export { matrixPowerNorms, powerSequence, slopedPowerNorms } from './powers';
export { describeStack, formatShape, layerLabel, type StackDesign, type StackLayer, type StackReport, type StackRow, type TensorShape } from './stack';
export { layerGradientNorms, layerRanges, type GradientItem, type LayerGradientNorm, type LayerGradientReport } from './layer-gradients';
export { meanSquaredError } from './metrics';
