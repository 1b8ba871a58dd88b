package dev.railyard.host.plugins;

import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the plugin scan needs to know of one class, read from its class file with ASM's {@link
 * ClassReader} and never loaded: no static initialiser, constructor or other code of it runs.
 *
 * @param name the internal name, e.g. {@code com/example/Sink$Nested}
 * @param superName the superclass's internal name, null for {@code java/lang/Object}
 * @param interfaces the internal names of the interfaces it implements directly
 * @param instantiable whether Connect could instantiate it: public, not abstract, not an interface,
 *     enum, annotation or module, not a non-static nested class, with a public no-argument
 *     constructor (Kafka's {@code PluginUtils.isConcrete} and ServiceLoader's rules)
 * @param version how its own {@code version()} is written, if it declares one
 * @param location the index of the jar or class folder it was read from
 */
record ClassFile(
    String name,
    String superName,
    List<String> interfaces,
    boolean instantiable,
    VersionMethod version,
    int location) {

  /** How a class declares {@code String version()}. */
  enum VersionKind {
    /** It does not: it inherits it, or Connect's interfaces' default ({@code "undefined"}). */
    NONE,
    /** It declares it abstract. */
    ABSTRACT,
    /** Its body is {@code return "<literal>";}: the version is known without running it. */
    CONSTANT,
    /** Its body computes the version; only running it would tell. */
    COMPUTED
  }

  /** A declared {@code version()}: its kind, and the literal when {@link VersionKind#CONSTANT}. */
  record VersionMethod(VersionKind kind, String constant) {
    static final VersionMethod NONE = new VersionMethod(VersionKind.NONE, null);
  }

  private static final int NOT_A_CLASS =
      Opcodes.ACC_ABSTRACT
          | Opcodes.ACC_INTERFACE
          | Opcodes.ACC_ENUM
          | Opcodes.ACC_ANNOTATION
          | Opcodes.ACC_MODULE;

  /**
   * Reads a class file.
   *
   * @throws IllegalArgumentException or another runtime exception when the bytes are not a class
   *     file ASM can read (a newer format, or garbage)
   */
  static ClassFile read(byte[] bytes, int location) {
    Reader reader = new Reader();
    new ClassReader(bytes).accept(reader, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return reader.result(location);
  }

  private static final class Reader extends ClassVisitor {

    private String name;
    private String superName;
    private List<String> interfaces = List.of();
    private int access;
    private boolean nestedNonStatic;
    private boolean publicNoArgConstructor;
    private VersionMethod version = VersionMethod.NONE;
    private ConstantReturn versionBody;

    Reader() {
      super(Opcodes.ASM9);
    }

    @Override
    public void visit(
        int version, int access, String name, String signature, String superName, String[] ifs) {
      this.access = access;
      this.name = name;
      this.superName = superName;
      this.interfaces = ifs == null ? List.of() : List.of(ifs);
    }

    // a nested class's own entry holds its real modifiers: its class file says public for protected
    @Override
    public void visitInnerClass(String inner, String outerName, String innerName, int flags) {
      if (inner.equals(name)) {
        access = (access & ~Opcodes.ACC_PUBLIC) | (flags & Opcodes.ACC_PUBLIC);
        nestedNonStatic = (flags & Opcodes.ACC_STATIC) == 0;
      }
    }

    @Override
    public MethodVisitor visitMethod(
        int flags, String method, String descriptor, String signature, String[] exceptions) {
      boolean isPublic = (flags & Opcodes.ACC_PUBLIC) != 0;
      if (method.equals("<init>") && descriptor.equals("()V") && isPublic) {
        publicNoArgConstructor = true;
      }
      boolean real =
          (flags & (Opcodes.ACC_STATIC | Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) == 0;
      if (real && method.equals("version") && descriptor.equals("()Ljava/lang/String;")) {
        if ((flags & Opcodes.ACC_ABSTRACT) != 0) {
          version = new VersionMethod(VersionKind.ABSTRACT, null);
          return null;
        }
        versionBody = new ConstantReturn();
        return versionBody;
      }
      return null;
    }

    ClassFile result(int location) {
      if (versionBody != null) {
        String constant = versionBody.constant();
        version =
            constant == null
                ? new VersionMethod(VersionKind.COMPUTED, null)
                : new VersionMethod(VersionKind.CONSTANT, constant);
      }
      boolean instantiable =
          (access & Opcodes.ACC_PUBLIC) != 0
              && (access & NOT_A_CLASS) == 0
              && !nestedNonStatic
              && publicNoArgConstructor;
      return new ClassFile(name, superName, interfaces, instantiable, version, location);
    }
  }

  /** Tells whether a method's whole body is {@code ldc "<string>"; areturn}. */
  private static final class ConstantReturn extends MethodVisitor {

    private String literal;
    private int step;

    ConstantReturn() {
      super(Opcodes.ASM9);
    }

    String constant() {
      return step == 2 ? literal : null;
    }

    private void other() {
      step = -1;
    }

    @Override
    public void visitLdcInsn(Object value) {
      if (step == 0 && value instanceof String s) {
        literal = s;
        step = 1;
      } else {
        other();
      }
    }

    @Override
    public void visitInsn(int opcode) {
      step = step == 1 && opcode == Opcodes.ARETURN ? 2 : -1;
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      other();
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
      other();
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      other();
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      other();
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      other();
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrap, Object... arguments) {
      other();
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      other();
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
      other();
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      other();
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      other();
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
      other();
    }
  }
}
