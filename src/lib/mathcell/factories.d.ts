// factories.js re-exports mathjs factory functions (createAdd, createParse, …) that mathjs' type
// definitions do not declare. evaluator.ts only spreads them into create(), so no names are typed.
export {};
