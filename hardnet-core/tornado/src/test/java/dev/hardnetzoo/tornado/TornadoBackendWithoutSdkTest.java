package dev.hardnetzoo.tornado;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The backend as a JVM started without the SDK's flags sees it: ./hardnet runs every CPU command
 * so, with hardnet-tornado on the class path whenever it was built with the SDK. Loading the
 * backend and asking whether it can run must then answer with the reason, not fail to link.
 */
class TornadoBackendWithoutSdkTest {

    @Test
    void loadsAndSaysWhyItCannotRun() throws Exception {
        // The test's class path without TornadoVM's artifacts (the API is a provided dependency: at
        // run time the SDK's flags put it on the module path).
        URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(path -> !path.contains("beehive-lab"))
                .map(TornadoBackendWithoutSdkTest::url).toArray(URL[]::new);
        try (URLClassLoader noSdk = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            Class<?> backend = Class.forName(TornadoBackend.class.getName(), true, noSdk);
            Object instance = backend.getConstructor().newInstance();
            Object why = backend.getMethod("unavailableReason").invoke(instance);
            assertThat((Optional<?>) why).isPresent();
            assertThat(((Optional<?>) why).get().toString()).contains("TornadoVM runtime is not loaded");
        }
    }

    private static URL url(String path) {
        try {
            return new File(path).toURI().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(path, e);
        }
    }
}
