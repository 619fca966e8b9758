using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace NanoOmaDm.Tools.NanoRef;

/// <summary>
/// Writes the API listing (format 2, api/FORMAT.md) of an assembly from its metadata, with System.Reflection.Metadata:
/// the public surface (public types, nested ones only when every enclosing type is visible; public and protected
/// members; explicit interface implementations), one entry per line, sorted ordinally.
/// </summary>
public static class ListingWriter
{
    public static string FromFile(string path)
    {
        return FromImage(File.ReadAllBytes(path));
    }

    public static string FromImage(byte[] image)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        return Write(pe.GetMetadataReader());
    }

    /// <summary>The assembly name of a DLL (without reading the whole surface).</summary>
    public static string AssemblyNameOf(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader reader = pe.GetMetadataReader();
        return reader.GetString(reader.GetAssemblyDefinition().Name);
    }

    public static string Write(MetadataReader reader)
    {
        return new Dumper(reader).Write();
    }

    private sealed class Dumper
    {
        private readonly MetadataReader _md;
        private readonly SignatureFormatter _formatter;
        private readonly HashSet<MethodDefinitionHandle> _explicitImplementations = new();

        public Dumper(MetadataReader reader)
        {
            _md = reader;
            _formatter = new SignatureFormatter(reader);
            foreach (TypeDefinitionHandle typeHandle in reader.TypeDefinitions)
            {
                foreach (MethodImplementationHandle implHandle in reader.GetTypeDefinition(typeHandle).GetMethodImplementations())
                {
                    MethodImplementation impl = reader.GetMethodImplementation(implHandle);
                    if (impl.MethodBody.Kind == HandleKind.MethodDefinition)
                    {
                        var body = (MethodDefinitionHandle)impl.MethodBody;
                        if ((reader.GetMethodDefinition(body).Attributes & MethodAttributes.MemberAccessMask) == MethodAttributes.Private)
                        {
                            _explicitImplementations.Add(body);
                        }
                    }
                }
            }
        }

        public string Write()
        {
            AssemblyDefinition assembly = _md.GetAssemblyDefinition();
            var entries = new List<string>();
            foreach (TypeDefinitionHandle handle in _md.TypeDefinitions)
            {
                if (IsVisible(handle))
                {
                    WriteType(handle, entries);
                }
            }
            entries.Sort(StringComparer.Ordinal);

            string nativeVersion = null;
            foreach (CustomAttributeHandle handle in assembly.GetCustomAttributes())
            {
                CustomAttribute attribute = _md.GetCustomAttribute(handle);
                if (AttributeTypeName(attribute) == "System.Reflection.AssemblyNativeVersionAttribute")
                {
                    CustomAttributeValue<string> value = attribute.DecodeValue(_formatter);
                    nativeVersion = value.FixedArguments.Length > 0 ? value.FixedArguments[0].Value as string : null;
                }
            }

            var references = _md.AssemblyReferences
                .Select(h => _md.GetAssemblyReference(h))
                .Select(r => _md.GetString(r.Name) + " " + r.Version)
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToList();

            var sb = new StringBuilder();
            sb.Append("# ").Append(_md.GetString(assembly.Name)).Append(", Version=").Append(assembly.Version)
                .Append("  (").Append(entries.Count.ToString(CultureInfo.InvariantCulture)).Append(" entries)\n");
            sb.Append("# format: 2 (see api/FORMAT.md)\n");
            if (nativeVersion != null)
            {
                sb.Append("# native-version: ").Append(nativeVersion).Append('\n');
            }
            sb.Append("# references: ").Append(string.Join(", ", references)).Append('\n');
            foreach (string entry in entries)
            {
                sb.Append(entry).Append('\n');
            }
            return sb.ToString();
        }

        private bool IsVisible(TypeDefinitionHandle handle)
        {
            TypeDefinition type = _md.GetTypeDefinition(handle);
            TypeAttributes visibility = type.Attributes & TypeAttributes.VisibilityMask;
            switch (visibility)
            {
                case TypeAttributes.Public:
                    return true;
                case TypeAttributes.NestedPublic:
                case TypeAttributes.NestedFamily:
                case TypeAttributes.NestedFamORAssem:
                    return IsVisible(type.GetDeclaringType());
                default:
                    return false;
            }
        }

        private static bool IsVisibleMember(MethodAttributes access) =>
            access is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;

        private static bool IsVisibleField(FieldAttributes access) =>
            access is FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem;

        private void WriteType(TypeDefinitionHandle handle, List<string> entries)
        {
            TypeDefinition type = _md.GetTypeDefinition(handle);
            string name = _formatter.DefinitionName(handle, withParameterNames: true);
            string baseName = type.BaseType.IsNil ? null : _formatter.FormatEntity(type.BaseType, handle);
            string fullName = _formatter.DefinitionName(handle, withParameterNames: false);
            bool isInterface = (type.Attributes & TypeAttributes.Interface) != 0;
            string kind;
            if (isInterface)
            {
                kind = "interface";
            }
            else if (baseName == "System.Enum")
            {
                kind = "enum";
            }
            else if (baseName == "System.ValueType" && fullName != "System.Enum")
            {
                kind = "struct";
            }
            else if (baseName == "System.MulticastDelegate")
            {
                kind = "delegate";
            }
            else
            {
                kind = "class";
            }

            var modifiers = new List<string> { kind };
            if (kind == "class")
            {
                bool isAbstract = (type.Attributes & TypeAttributes.Abstract) != 0;
                bool isSealed = (type.Attributes & TypeAttributes.Sealed) != 0;
                if (isAbstract && isSealed)
                {
                    modifiers.Add("static");
                }
                else if (isAbstract)
                {
                    modifiers.Add("abstract");
                }
                else if (isSealed)
                {
                    modifiers.Add("sealed");
                }
            }
            TypeAttributes visibility = type.Attributes & TypeAttributes.VisibilityMask;
            if (visibility is TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem)
            {
                modifiers.Add("protected");
            }

            var line = new StringBuilder(name).Append(" [").Append(string.Join(" ", modifiers)).Append(']');
            if (kind == "delegate")
            {
                MethodDefinitionHandle invoke = type.GetMethods().FirstOrDefault(m => _md.GetString(_md.GetMethodDefinition(m).Name) == "Invoke");
                if (!invoke.IsNil)
                {
                    MethodDefinition invokeMethod = _md.GetMethodDefinition(invoke);
                    MethodSignature<string> signature = invokeMethod.DecodeSignature(_formatter, new GenericContext(handle, invoke));
                    line.Append(" (").Append(Parameters(invokeMethod, signature, handle)).Append("):").Append(signature.ReturnType);
                }
            }

            var bases = new List<string>();
            if (kind == "enum")
            {
                foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
                {
                    FieldDefinition field = _md.GetFieldDefinition(fieldHandle);
                    if ((field.Attributes & FieldAttributes.Static) == 0)
                    {
                        bases.Add(field.DecodeSignature(_formatter, new GenericContext(handle, default)));
                        break;
                    }
                }
            }
            else if (kind != "delegate")
            {
                if (kind == "class" && baseName != null)
                {
                    bases.Add(baseName);
                }
                foreach (InterfaceImplementationHandle implHandle in type.GetInterfaceImplementations())
                {
                    EntityHandle iface = _md.GetInterfaceImplementation(implHandle).Interface;
                    if (IsPublicInterface(iface))
                    {
                        bases.Add(_formatter.FormatEntity(iface, handle));
                    }
                }
            }
            if (bases.Count > 0)
            {
                line.Append(" : ").Append(string.Join(", ", bases));
            }

            // A nested type repeats the generic parameters of its enclosing types; only its own ones are annotated.
            TypeDefinitionHandle declaring = type.GetDeclaringType();
            int inherited = declaring.IsNil ? 0 : _md.GetTypeDefinition(declaring).GetGenericParameters().Count;
            AppendGenericAnnotations(line, type.GetGenericParameters().Skip(inherited), handle, default);
            AppendAttributeAnnotations(line, type.GetCustomAttributes(), typeLevel: true);
            entries.Add(line.ToString());

            string prefix = name + "::";
            WriteMethods(handle, type, prefix, entries);
            WriteFields(handle, type, prefix, entries);
            WriteProperties(handle, type, prefix, entries);
            WriteEvents(handle, type, prefix, entries);
        }

        private bool IsPublicInterface(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return IsVisible((TypeDefinitionHandle)handle);
                case HandleKind.TypeSpecification:
                {
                    BlobReader blob = _md.GetBlobReader(_md.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
                    if (blob.ReadSignatureTypeCode() == SignatureTypeCode.GenericTypeInstance)
                    {
                        blob.ReadCompressedInteger();
                        EntityHandle generic = blob.ReadTypeHandle();
                        return IsPublicInterface(generic);
                    }
                    return true;
                }
                default:
                    return true;
            }
        }

        private void WriteMethods(TypeDefinitionHandle typeHandle, TypeDefinition type, string prefix, List<string> entries)
        {
            var accessors = new HashSet<MethodDefinitionHandle>();
            foreach (PropertyDefinitionHandle p in type.GetProperties())
            {
                PropertyAccessors a = _md.GetPropertyDefinition(p).GetAccessors();
                accessors.Add(a.Getter);
                accessors.Add(a.Setter);
                foreach (MethodDefinitionHandle other in a.Others)
                {
                    accessors.Add(other);
                }
            }
            foreach (EventDefinitionHandle e in type.GetEvents())
            {
                EventAccessors a = _md.GetEventDefinition(e).GetAccessors();
                accessors.Add(a.Adder);
                accessors.Add(a.Remover);
                accessors.Add(a.Raiser);
                foreach (MethodDefinitionHandle other in a.Others)
                {
                    accessors.Add(other);
                }
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                if (accessors.Contains(methodHandle))
                {
                    continue;
                }
                MethodDefinition method = _md.GetMethodDefinition(methodHandle);
                string methodName = _md.GetString(method.Name);
                MethodAttributes access = method.Attributes & MethodAttributes.MemberAccessMask;
                bool isExplicit = _explicitImplementations.Contains(methodHandle);
                if ((!IsVisibleMember(access) && !isExplicit) || methodName == ".cctor")
                {
                    continue;
                }

                var context = new GenericContext(typeHandle, methodHandle);
                MethodSignature<string> signature = method.DecodeSignature(_formatter, context);
                var line = new StringBuilder(prefix).Append(methodName);
                GenericParameterHandleCollection genericParameters = method.GetGenericParameters();
                if (genericParameters.Count > 0)
                {
                    line.Append('<').Append(string.Join(",", genericParameters.Select(g => _md.GetString(_md.GetGenericParameter(g).Name)))).Append('>');
                }
                line.Append('(').Append(Parameters(method, signature, typeHandle)).Append("):").Append(signature.ReturnType);

                var modifiers = MethodModifiers(method, isExplicit);
                if (HasAttribute(method.GetCustomAttributes(), "System.Runtime.CompilerServices.ExtensionAttribute"))
                {
                    modifiers.Insert(modifiers.IndexOf("explicit") is int i && i >= 0 ? i : modifiers.Count, "extension");
                }
                AppendModifiers(line, modifiers);
                AppendGenericAnnotations(line, genericParameters, typeHandle, methodHandle);
                AppendAttributeAnnotations(line, method.GetCustomAttributes(), typeLevel: false);
                entries.Add(line.ToString());
            }
        }

        /// <summary>protected, static, abstract | virtual | override | sealed override, extern, explicit.</summary>
        private static List<string> MethodModifiers(MethodDefinition method, bool isExplicit)
        {
            var modifiers = new List<string>();
            MethodAttributes attributes = method.Attributes;
            MethodAttributes access = attributes & MethodAttributes.MemberAccessMask;
            if (access is MethodAttributes.Family or MethodAttributes.FamORAssem)
            {
                modifiers.Add("protected");
            }
            if ((attributes & MethodAttributes.Static) != 0)
            {
                modifiers.Add("static");
            }
            bool isVirtual = (attributes & MethodAttributes.Virtual) != 0;
            bool isNewSlot = (attributes & MethodAttributes.NewSlot) != 0;
            bool isFinal = (attributes & MethodAttributes.Final) != 0;
            if ((attributes & MethodAttributes.Abstract) != 0)
            {
                modifiers.Add("abstract");
            }
            else if (isVirtual && !isExplicit)
            {
                if (!isNewSlot)
                {
                    modifiers.Add(isFinal ? "sealed override" : "override");
                }
                else if (!isFinal)
                {
                    modifiers.Add("virtual");
                }
            }
            if ((method.ImplAttributes & MethodImplAttributes.InternalCall) != 0)
            {
                modifiers.Add("extern");
            }
            if (isExplicit)
            {
                modifiers.Add("explicit");
            }
            return modifiers;
        }

        private static void AppendModifiers(StringBuilder line, List<string> modifiers)
        {
            if (modifiers.Count > 0)
            {
                line.Append(" [").Append(string.Join(" ", modifiers)).Append(']');
            }
        }

        private string Parameters(MethodDefinition method, MethodSignature<string> signature, TypeDefinitionHandle typeHandle)
        {
            var names = new string[signature.ParameterTypes.Length];
            var rows = new Parameter[signature.ParameterTypes.Length];
            var hasRow = new bool[signature.ParameterTypes.Length];
            foreach (ParameterHandle handle in method.GetParameters())
            {
                Parameter parameter = _md.GetParameter(handle);
                int index = parameter.SequenceNumber - 1;
                if (index >= 0 && index < names.Length)
                {
                    names[index] = _md.GetString(parameter.Name);
                    rows[index] = parameter;
                    hasRow[index] = true;
                }
            }

            var parts = new List<string>();
            for (int i = 0; i < signature.ParameterTypes.Length; i++)
            {
                string type = signature.ParameterTypes[i];
                string name = string.IsNullOrEmpty(names[i]) ? "arg" + i.ToString(CultureInfo.InvariantCulture) : names[i];
                var sb = new StringBuilder();
                string defaultValue = null;
                if (type.EndsWith('&'))
                {
                    type = type.Substring(0, type.Length - 1);
                    string byRefPrefix = "ref ";
                    if (hasRow[i])
                    {
                        ParameterAttributes attributes = rows[i].Attributes;
                        if ((attributes & ParameterAttributes.Out) != 0 && (attributes & ParameterAttributes.In) == 0)
                        {
                            byRefPrefix = "out ";
                        }
                        else if (HasAttribute(rows[i].GetCustomAttributes(), "System.Runtime.CompilerServices.IsReadOnlyAttribute"))
                        {
                            byRefPrefix = "in ";
                        }
                    }
                    sb.Append(byRefPrefix);
                }
                else if (hasRow[i] && HasAttribute(rows[i].GetCustomAttributes(), "System.ParamArrayAttribute"))
                {
                    sb.Append("params ");
                }
                if (hasRow[i])
                {
                    Parameter row = rows[i];
                    if ((row.Attributes & ParameterAttributes.HasDefault) != 0 && !row.GetDefaultValue().IsNil)
                    {
                        defaultValue = ConstantLiteral(_md.GetConstant(row.GetDefaultValue()));
                    }
                    else if ((row.Attributes & ParameterAttributes.Optional) != 0)
                    {
                        defaultValue = "default";
                    }
                }
                sb.Append(type).Append(' ').Append(name);
                if (defaultValue != null)
                {
                    sb.Append(" = ").Append(defaultValue);
                }
                parts.Add(sb.ToString());
            }
            return string.Join(", ", parts);
        }

        private void WriteFields(TypeDefinitionHandle typeHandle, TypeDefinition type, string prefix, List<string> entries)
        {
            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = _md.GetFieldDefinition(fieldHandle);
                FieldAttributes attributes = field.Attributes;
                if (!IsVisibleField(attributes & FieldAttributes.FieldAccessMask) || (attributes & FieldAttributes.RTSpecialName) != 0)
                {
                    continue;
                }
                string fieldType = field.DecodeSignature(_formatter, new GenericContext(typeHandle, default));
                var line = new StringBuilder(prefix).Append(_md.GetString(field.Name)).Append(':').Append(fieldType);
                var modifiers = new List<string>();
                if ((attributes & FieldAttributes.FieldAccessMask) is FieldAttributes.Family or FieldAttributes.FamORAssem)
                {
                    modifiers.Add("protected");
                }
                if ((attributes & FieldAttributes.Literal) != 0)
                {
                    ConstantHandle constant = field.GetDefaultValue();
                    if (!constant.IsNil)
                    {
                        line.Append('=').Append(ConstantLiteral(_md.GetConstant(constant)));
                    }
                    modifiers.Add("const");
                }
                else
                {
                    if ((attributes & FieldAttributes.Static) != 0)
                    {
                        modifiers.Add("static");
                    }
                    if ((attributes & FieldAttributes.InitOnly) != 0)
                    {
                        modifiers.Add("readonly");
                    }
                }
                AppendModifiers(line, modifiers);
                AppendAttributeAnnotations(line, field.GetCustomAttributes(), typeLevel: false);
                entries.Add(line.ToString());
            }
        }

        private void WriteProperties(TypeDefinitionHandle typeHandle, TypeDefinition type, string prefix, List<string> entries)
        {
            foreach (PropertyDefinitionHandle propertyHandle in type.GetProperties())
            {
                PropertyDefinition property = _md.GetPropertyDefinition(propertyHandle);
                PropertyAccessors accessors = property.GetAccessors();
                var visible = new List<(string Kind, MethodDefinition Method, MethodAttributes Access)>();
                bool isExplicit = false;
                foreach ((string kind, MethodDefinitionHandle handle) in new[] { ("get", accessors.Getter), ("set", accessors.Setter) })
                {
                    if (handle.IsNil)
                    {
                        continue;
                    }
                    MethodDefinition method = _md.GetMethodDefinition(handle);
                    MethodAttributes access = method.Attributes & MethodAttributes.MemberAccessMask;
                    if (_explicitImplementations.Contains(handle))
                    {
                        isExplicit = true;
                        visible.Add((kind, method, access));
                    }
                    else if (IsVisibleMember(access))
                    {
                        visible.Add((kind, method, access));
                    }
                }
                if (visible.Count == 0)
                {
                    continue;
                }

                MethodSignature<string> signature = property.DecodeSignature(_formatter, new GenericContext(typeHandle, default));
                bool anyPublic = visible.Any(v => v.Access == MethodAttributes.Public);
                var line = new StringBuilder(prefix).Append(_md.GetString(property.Name));
                if (signature.ParameterTypes.Length > 0)
                {
                    MethodDefinition first = visible[0].Method;
                    MethodSignature<string> accessorSignature = first.DecodeSignature(_formatter, new GenericContext(typeHandle, default));
                    // The setter has the value as its last parameter; only the index parameters are listed.
                    string parameters = Parameters(first, accessorSignature, typeHandle);
                    if (visible[0].Kind == "set")
                    {
                        parameters = string.Join(", ", SplitTopLevel(parameters).Take(signature.ParameterTypes.Length));
                    }
                    line.Append('[').Append(parameters).Append(']');
                }
                line.Append('{');
                line.Append(string.Join(";", visible.Select(v =>
                    (anyPublic && !isExplicit && v.Access != MethodAttributes.Public ? "protected " : "") + v.Kind)));
                line.Append("}:").Append(signature.ReturnType);

                List<string> modifiers = MethodModifiers(visible[0].Method, isExplicit);
                if (anyPublic)
                {
                    modifiers.Remove("protected");
                }
                AppendModifiers(line, modifiers);
                AppendAttributeAnnotations(line, property.GetCustomAttributes(), typeLevel: false);
                entries.Add(line.ToString());
            }
        }

        private void WriteEvents(TypeDefinitionHandle typeHandle, TypeDefinition type, string prefix, List<string> entries)
        {
            foreach (EventDefinitionHandle eventHandle in type.GetEvents())
            {
                EventDefinition ev = _md.GetEventDefinition(eventHandle);
                EventAccessors accessors = ev.GetAccessors();
                MethodDefinitionHandle adderHandle = !accessors.Adder.IsNil ? accessors.Adder : accessors.Remover;
                if (adderHandle.IsNil)
                {
                    continue;
                }
                MethodDefinition adder = _md.GetMethodDefinition(adderHandle);
                bool isExplicit = _explicitImplementations.Contains(adderHandle);
                if (!isExplicit && !IsVisibleMember(adder.Attributes & MethodAttributes.MemberAccessMask))
                {
                    continue;
                }
                string eventType = _formatter.FormatEntity(ev.Type, typeHandle);
                var line = new StringBuilder(prefix).Append(_md.GetString(ev.Name)).Append(" event:").Append(eventType);
                AppendModifiers(line, MethodModifiers(adder, isExplicit));
                AppendAttributeAnnotations(line, ev.GetCustomAttributes(), typeLevel: false);
                entries.Add(line.ToString());
            }
        }

        private void AppendGenericAnnotations(StringBuilder line, IEnumerable<GenericParameterHandle> parameters, TypeDefinitionHandle typeHandle, MethodDefinitionHandle methodHandle)
        {
            var variance = new List<string>();
            foreach (GenericParameterHandle handle in parameters)
            {
                GenericParameter parameter = _md.GetGenericParameter(handle);
                string name = _md.GetString(parameter.Name);
                GenericParameterAttributes v = parameter.Attributes & GenericParameterAttributes.VarianceMask;
                if (v == GenericParameterAttributes.Contravariant)
                {
                    variance.Add("in " + name);
                }
                else if (v == GenericParameterAttributes.Covariant)
                {
                    variance.Add("out " + name);
                }
            }
            if (variance.Count > 0)
            {
                line.Append(" @Variance(").Append(string.Join(", ", variance)).Append(')');
            }

            var context = new GenericContext(typeHandle, methodHandle);
            foreach (GenericParameterHandle handle in parameters)
            {
                GenericParameter parameter = _md.GetGenericParameter(handle);
                var items = new List<string>();
                GenericParameterAttributes special = parameter.Attributes & GenericParameterAttributes.SpecialConstraintMask;
                bool isStruct = (special & GenericParameterAttributes.NotNullableValueTypeConstraint) != 0;
                if ((special & GenericParameterAttributes.ReferenceTypeConstraint) != 0)
                {
                    items.Add("class");
                }
                if (isStruct)
                {
                    items.Add("struct");
                }
                if ((special & GenericParameterAttributes.DefaultConstructorConstraint) != 0 && !isStruct)
                {
                    items.Add("new()");
                }
                foreach (GenericParameterConstraintHandle constraintHandle in parameter.GetConstraints())
                {
                    string constraint = _formatter.FormatEntity(_md.GetGenericParameterConstraint(constraintHandle).Type, context);
                    if (!(isStruct && constraint == "System.ValueType"))
                    {
                        items.Add(constraint);
                    }
                }
                if (items.Count > 0)
                {
                    line.Append(" @Where(").Append(_md.GetString(parameter.Name)).Append(" : ").Append(string.Join(", ", items)).Append(')');
                }
            }
        }

        private void AppendAttributeAnnotations(StringBuilder line, CustomAttributeHandleCollection attributes, bool typeLevel)
        {
            foreach (CustomAttributeHandle handle in attributes)
            {
                CustomAttribute attribute = _md.GetCustomAttribute(handle);
                string typeName = AttributeTypeName(attribute);
                switch (typeName)
                {
                    case "System.ObsoleteAttribute":
                        line.Append(" @Obsolete").Append(Arguments(attribute));
                        break;
                    case "System.FlagsAttribute" when typeLevel:
                        line.Append(" @Flags");
                        break;
                    case "System.AttributeUsageAttribute" when typeLevel:
                        line.Append(" @AttributeUsage").Append(Arguments(attribute));
                        break;
                    case "System.Reflection.DefaultMemberAttribute" when typeLevel:
                        line.Append(" @DefaultMember").Append(Arguments(attribute));
                        break;
                    case "System.Runtime.CompilerServices.IsByRefLikeAttribute" when typeLevel:
                        line.Append(" @IsByRefLike");
                        break;
                    case "System.Runtime.CompilerServices.IsReadOnlyAttribute" when typeLevel:
                        line.Append(" @IsReadOnly");
                        break;
                }
            }
        }

        private string Arguments(CustomAttribute attribute)
        {
            CustomAttributeValue<string> value = attribute.DecodeValue(_formatter);
            var parts = new List<string>();
            foreach (CustomAttributeTypedArgument<string> argument in value.FixedArguments)
            {
                parts.Add(AttributeValue(argument.Type, argument.Value));
            }
            foreach (CustomAttributeNamedArgument<string> argument in value.NamedArguments)
            {
                parts.Add(argument.Name + "=" + AttributeValue(argument.Type, argument.Value));
            }
            return parts.Count == 0 ? "" : "(" + string.Join(", ", parts) + ")";
        }

        private static string AttributeValue(string type, object value)
        {
            switch (value)
            {
                case null:
                    return "null";
                case string s:
                    return Literals.String(s);
                case bool b:
                    return b ? "true" : "false";
                case char c:
                    return Literals.Char(c);
                case float f:
                    return Literals.Single(f);
                case double d:
                    return Literals.Double(d);
                case ImmutableArray<CustomAttributeTypedArgument<string>> array:
                    return "new[] { " + string.Join(", ", array.Select(a => AttributeValue(a.Type, a.Value))) + " }";
                default:
                    string number = Convert.ToString(value, CultureInfo.InvariantCulture);
                    return SignatureFormatter.IsPrimitiveName(type) ? number : "(" + type + ")" + number;
            }
        }

        private string ConstantLiteral(Constant constant)
        {
            BlobReader reader = _md.GetBlobReader(constant.Value);
            switch (constant.TypeCode)
            {
                case ConstantTypeCode.Boolean: return reader.ReadBoolean() ? "true" : "false";
                case ConstantTypeCode.Char: return Literals.Char(reader.ReadChar());
                case ConstantTypeCode.SByte: return reader.ReadSByte().ToString(CultureInfo.InvariantCulture);
                case ConstantTypeCode.Byte: return reader.ReadByte().ToString(CultureInfo.InvariantCulture);
                case ConstantTypeCode.Int16: return reader.ReadInt16().ToString(CultureInfo.InvariantCulture);
                case ConstantTypeCode.UInt16: return reader.ReadUInt16().ToString(CultureInfo.InvariantCulture);
                case ConstantTypeCode.Int32: return reader.ReadInt32().ToString(CultureInfo.InvariantCulture);
                case ConstantTypeCode.UInt32: return reader.ReadUInt32().ToString(CultureInfo.InvariantCulture);
                case ConstantTypeCode.Int64: return reader.ReadInt64().ToString(CultureInfo.InvariantCulture);
                case ConstantTypeCode.UInt64: return reader.ReadUInt64().ToString(CultureInfo.InvariantCulture);
                case ConstantTypeCode.Single: return Literals.Single(reader.ReadSingle());
                case ConstantTypeCode.Double: return Literals.Double(reader.ReadDouble());
                case ConstantTypeCode.String:
                    return Literals.String(reader.ReadUTF16(reader.Length));
                default:
                    return "null";
            }
        }

        private string AttributeTypeName(CustomAttribute attribute)
        {
            EntityHandle type;
            switch (attribute.Constructor.Kind)
            {
                case HandleKind.MethodDefinition:
                    type = _md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
                    break;
                case HandleKind.MemberReference:
                    type = _md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                    break;
                default:
                    return null;
            }
            return type.Kind is HandleKind.TypeDefinition or HandleKind.TypeReference ? _formatter.FormatEntity(type, new GenericContext()) : null;
        }

        private bool HasAttribute(CustomAttributeHandleCollection attributes, string fullName)
        {
            foreach (CustomAttributeHandle handle in attributes)
            {
                if (AttributeTypeName(_md.GetCustomAttribute(handle)) == fullName)
                {
                    return true;
                }
            }
            return false;
        }

        private static IEnumerable<string> SplitTopLevel(string parameters)
        {
            var parts = new List<string>();
            int depth = 0;
            int start = 0;
            for (int i = 0; i < parameters.Length; i++)
            {
                char c = parameters[i];
                if (c is '<' or '(' or '[')
                {
                    depth++;
                }
                else if (c is '>' or ')' or ']')
                {
                    depth--;
                }
                else if (c == ',' && depth == 0 && i + 1 < parameters.Length && parameters[i + 1] == ' ')
                {
                    parts.Add(parameters.Substring(start, i - start));
                    start = i + 2;
                    i++;
                }
            }
            if (parameters.Length > 0)
            {
                parts.Add(parameters.Substring(start));
            }
            return parts;
        }
    }
}

/// <summary>C# literal spellings used by the listings.</summary>
internal static class Literals
{
    public static string String(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in value)
        {
            AppendChar(sb, c, '"');
        }
        return sb.Append('"').ToString();
    }

    public static string Char(char value)
    {
        var sb = new StringBuilder("'");
        AppendChar(sb, value, '\'');
        return sb.Append('\'').ToString();
    }

    private static void AppendChar(StringBuilder sb, char c, char quote)
    {
        if (c == quote || c == '\\')
        {
            sb.Append('\\').Append(c);
        }
        else if (c < 0x20 || c >= 0x7F)
        {
            sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append(c);
        }
    }

    public static string Single(float value)
    {
        if (float.IsNaN(value))
        {
            return "float.NaN";
        }
        if (float.IsPositiveInfinity(value))
        {
            return "float.PositiveInfinity";
        }
        if (float.IsNegativeInfinity(value))
        {
            return "float.NegativeInfinity";
        }
        return value.ToString("R", CultureInfo.InvariantCulture) + "F";
    }

    public static string Double(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }
        if (double.IsPositiveInfinity(value))
        {
            return "double.PositiveInfinity";
        }
        if (double.IsNegativeInfinity(value))
        {
            return "double.NegativeInfinity";
        }
        return value.ToString("R", CultureInfo.InvariantCulture) + "D";
    }
}

/// <summary>Generic parameters in scope while decoding a signature.</summary>
internal readonly struct GenericContext
{
    public GenericContext(TypeDefinitionHandle type, MethodDefinitionHandle method)
    {
        Type = type;
        Method = method;
    }

    public TypeDefinitionHandle Type { get; }
    public MethodDefinitionHandle Method { get; }
}

/// <summary>Formats signature types in listing syntax (System.Int32, Outer+Inner, System.Action&lt;System.Int32&gt;, T[], T&amp;).</summary>
internal sealed class SignatureFormatter : ISignatureTypeProvider<string, GenericContext>, ICustomAttributeTypeProvider<string>
{
    private static readonly Dictionary<PrimitiveTypeCode, string> Primitives = new()
    {
        [PrimitiveTypeCode.Boolean] = "System.Boolean",
        [PrimitiveTypeCode.Byte] = "System.Byte",
        [PrimitiveTypeCode.Char] = "System.Char",
        [PrimitiveTypeCode.Double] = "System.Double",
        [PrimitiveTypeCode.Int16] = "System.Int16",
        [PrimitiveTypeCode.Int32] = "System.Int32",
        [PrimitiveTypeCode.Int64] = "System.Int64",
        [PrimitiveTypeCode.IntPtr] = "System.IntPtr",
        [PrimitiveTypeCode.Object] = "System.Object",
        [PrimitiveTypeCode.SByte] = "System.SByte",
        [PrimitiveTypeCode.Single] = "System.Single",
        [PrimitiveTypeCode.String] = "System.String",
        [PrimitiveTypeCode.TypedReference] = "System.TypedReference",
        [PrimitiveTypeCode.UInt16] = "System.UInt16",
        [PrimitiveTypeCode.UInt32] = "System.UInt32",
        [PrimitiveTypeCode.UInt64] = "System.UInt64",
        [PrimitiveTypeCode.UIntPtr] = "System.UIntPtr",
        [PrimitiveTypeCode.Void] = "System.Void",
    };

    private readonly MetadataReader _md;

    public SignatureFormatter(MetadataReader reader)
    {
        _md = reader;
    }

    public static bool IsPrimitiveName(string name) => Primitives.ContainsValue(name);

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => Primitives[typeCode];

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        DefinitionName(handle, withParameterNames: false);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => ReferenceName(handle);

    public string GetTypeFromSpecification(MetadataReader reader, GenericContext context, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, context);

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', Math.Max(0, shape.Rank - 1)) + "]";

    public string GetByReferenceType(string elementType) => elementType + "&";

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPinnedType(string elementType) => elementType;

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

    public string GetFunctionPointerType(MethodSignature<string> signature) =>
        "fnptr(" + string.Join(", ", signature.ParameterTypes) + "):" + signature.ReturnType;

    public string GetGenericTypeParameter(GenericContext context, int index)
    {
        if (!context.Type.IsNil)
        {
            GenericParameterHandleCollection parameters = _md.GetTypeDefinition(context.Type).GetGenericParameters();
            if (index < parameters.Count)
            {
                return _md.GetString(_md.GetGenericParameter(parameters[index]).Name);
            }
        }
        return "!" + index.ToString(CultureInfo.InvariantCulture);
    }

    public string GetGenericMethodParameter(GenericContext context, int index)
    {
        if (!context.Method.IsNil)
        {
            GenericParameterHandleCollection parameters = _md.GetMethodDefinition(context.Method).GetGenericParameters();
            if (index < parameters.Count)
            {
                return _md.GetString(_md.GetGenericParameter(parameters[index]).Name);
            }
        }
        return "!!" + index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Generic instance: the arguments are distributed over the nested segments by each segment's own arity.</summary>
    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        // genericType is in "raw" form here: segments keep their `N suffix (see RawName).
        string[] segments = genericType.Split('+');
        var sb = new StringBuilder();
        int next = 0;
        for (int i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('+');
            }
            string segment = segments[i];
            int tick = segment.LastIndexOf('`');
            int arity = 0;
            if (tick >= 0 && int.TryParse(segment.AsSpan(tick + 1), NumberStyles.None, CultureInfo.InvariantCulture, out arity))
            {
                segment = segment.Substring(0, tick);
            }
            sb.Append(segment);
            if (arity > 0)
            {
                sb.Append('<').Append(string.Join(",", typeArguments.Skip(next).Take(arity))).Append('>');
                next += arity;
            }
        }
        return sb.ToString();
    }

    public string GetSystemType() => "System.Type";

    public bool IsSystemType(string type) => type == "System.Type";

    public string GetTypeFromSerializedName(string name)
    {
        int comma = name.IndexOf(',');
        return comma < 0 ? name : name.Substring(0, comma);
    }

    public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

    /// <summary>Listing name of an entity used in a type position (base types, interfaces, constraints, event types).</summary>
    public string FormatEntity(EntityHandle handle, GenericContext context)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return StripArity(DefinitionName((TypeDefinitionHandle)handle, withParameterNames: false));
            case HandleKind.TypeReference:
                return StripArity(ReferenceName((TypeReferenceHandle)handle));
            case HandleKind.TypeSpecification:
                return _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, context);
            default:
                return "?";
        }
    }

    public string FormatEntity(EntityHandle handle, TypeDefinitionHandle owner) => FormatEntity(handle, new GenericContext(owner, default));

    /// <summary>
    /// With parameter names: the listing name of a definition (<c>System.Action&lt;T1,T2&gt;</c>, <c>Outer&lt;T&gt;+Inner2&lt;U&gt;</c>).
    /// Without: the raw name with `N arity suffixes (turned into arguments by <see cref="GetGenericInstantiation"/>).
    /// </summary>
    public string DefinitionName(TypeDefinitionHandle handle, bool withParameterNames)
    {
        TypeDefinition type = _md.GetTypeDefinition(handle);
        string name = _md.GetString(type.Name);
        TypeDefinitionHandle declaring = type.GetDeclaringType();
        string prefix;
        int inherited = 0;
        if (!declaring.IsNil)
        {
            prefix = DefinitionName(declaring, withParameterNames) + "+";
            inherited = _md.GetTypeDefinition(declaring).GetGenericParameters().Count;
        }
        else
        {
            string ns = _md.GetString(type.Namespace);
            prefix = ns.Length == 0 ? "" : ns + ".";
        }
        if (!withParameterNames)
        {
            return prefix + name;
        }
        string simple = StripArity(name);
        GenericParameterHandleCollection parameters = type.GetGenericParameters();
        if (parameters.Count > inherited)
        {
            simple += "<" + string.Join(",", parameters.Skip(inherited).Select(p => _md.GetString(_md.GetGenericParameter(p).Name))) + ">";
        }
        return prefix + simple;
    }

    private string ReferenceName(TypeReferenceHandle handle)
    {
        TypeReference reference = _md.GetTypeReference(handle);
        string name = _md.GetString(reference.Name);
        if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return ReferenceName((TypeReferenceHandle)reference.ResolutionScope) + "+" + name;
        }
        string ns = _md.GetString(reference.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>Removes the `N arity suffixes of every segment (for non-generic uses of a generic name).</summary>
    private static string StripArity(string name)
    {
        if (name.IndexOf('`') < 0)
        {
            return name;
        }
        return string.Join("+", name.Split('+').Select(s =>
        {
            int tick = s.LastIndexOf('`');
            return tick >= 0 ? s.Substring(0, tick) : s;
        }));
    }
}
