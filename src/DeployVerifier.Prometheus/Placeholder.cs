namespace DeployVerifier.Prometheus; internal static class Placeholder { }
